package com.memberplatform.write.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.api.domain.BindingId;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.web.ApiException;
import com.memberplatform.write.commands.CommandResult;
import com.memberplatform.write.commands.MemberCommands;
import com.memberplatform.write.mq.CommandMessage;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The write operations as both transports see them (REST and MQ commands): a {@link CommandMessage} in, an answer
 * with a status out, refusals as {@link ApiException} with the stable code.
 */
@Component
public class WriteOperations {

    private final MemberCommands commands;
    private final ObjectMapper json;

    WriteOperations(MemberCommands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    /** Runs a command; its payload is the JSON body the REST API takes for it. */
    public ResponseEntity<?> apply(CommandMessage command) {
        return switch (command.command()) {
            case REGISTER -> register(payload(command, MemberRequests.Register.class));
            case CHANGE_PROFILE -> changeProfile(command.memberId(), payload(command, MemberRequests.Profile.class));
            case CHANGE_MOBILE -> changeMobile(command.memberId(), payload(command, MemberRequests.MobileChange.class));
            case BIND -> bind(command.memberId(), payload(command, MemberRequests.Account.class));
            case UNBIND -> unbind(command.memberId(), command.bindingId());
        };
    }

    private <T> T payload(CommandMessage command, Class<T> type) {
        if (command.payload() == null || command.payload().isNull()) {
            throw new InvalidValueException("payload", "is required");
        }
        if (command.memberId() == null && command.command() != CommandMessage.Command.REGISTER) {
            throw new InvalidValueException("memberId", "is required");
        }
        try {
            return json.treeToValue(command.payload(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("payload", e.getOriginalMessage());
        }
    }

    private ResponseEntity<MemberResponse> register(MemberRequests.Register body) {
        required(body);
        Optional<BindingRequest> first = body.firstAccount() == null ? Optional.empty()
                : Optional.of(MemberRequests.binding(body.firstAccount(), "firstAccount"));
        Member member = outcome(commands.register(MemberRequests.mobile(body.mobile()), body.displayName(),
                MemberRequests.platform(body.platform()), first));
        return ResponseEntity.status(HttpStatus.CREATED).body(MemberResponse.of(member));
    }

    private ResponseEntity<MemberResponse> changeProfile(String memberId, MemberRequests.Profile body) {
        required(body);
        return ResponseEntity.ok(MemberResponse.of(outcome(commands.changeProfile(MemberId.parse(memberId), body.displayName()))));
    }

    private ResponseEntity<MemberResponse> changeMobile(String memberId, MemberRequests.MobileChange body) {
        required(body);
        return ResponseEntity.ok(MemberResponse.of(outcome(
                commands.changeMobile(MemberId.parse(memberId), MemberRequests.mobile(body.mobile())))));
    }

    private ResponseEntity<MemberResponse> bind(String memberId, MemberRequests.Account body) {
        MemberId id = MemberId.parse(memberId);
        CommandResult result = commands.bind(id, MemberRequests.binding(body, ""));
        Member member = outcome(result);
        return ResponseEntity.status(result.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(MemberResponse.of(member));
    }

    private ResponseEntity<MemberResponse> unbind(String memberId, String bindingId) {
        long binding;
        try {
            binding = Long.parseLong(bindingId);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("bindingId", "must be a positive number");
        }
        return ResponseEntity.ok(MemberResponse.of(outcome(commands.unbind(MemberId.parse(memberId), BindingId.of(binding)))));
    }

    private static void required(Object body) {
        if (body == null) {
            throw new InvalidValueException("body", "is required");
        }
    }

    private static Member outcome(CommandResult result) {
        return result.member().orElseThrow(() -> {
            ErrorCode code = result.conflicted() ? ErrorCode.CONCURRENT_MODIFICATION : ErrorCode.of(result.rejection().orElseThrow());
            return new ApiException(code, code.title());
        });
    }
}
