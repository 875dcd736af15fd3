package com.memberplatform.query.web;

import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.PersonalData;
import com.memberplatform.stores.search.MemberDocuments;
import java.util.List;

/**
 * A member as lookups answer it. The mobile is masked unless the caller may read full numbers; account values and
 * unionids are always masked (a caller that needs one already has it: it looked the member up by it).
 */
public record MemberAnswer(String memberId, String status, String mobile, String displayName, String registeredPlatform,
                           long version, List<Binding> bindings) {

    public record Binding(String bindingId, String platform, String accountType, String appId, String value, String unionid) {
    }

    static MemberAnswer of(MemberDocuments.View view, boolean fullMobile) {
        return new MemberAnswer(view.memberId(), view.status(), fullMobile ? view.mobile() : Mobile.parseE164(view.mobile()).masked(),
                view.displayName(), view.registeredPlatform(), view.version(),
                view.bindings().stream().map(b -> new Binding(b.bindingId(), b.platform(), b.accountType(), b.appId(),
                        PersonalData.mask(b.value()), b.unionid() == null ? null : PersonalData.mask(b.unionid()))).toList());
    }
}
