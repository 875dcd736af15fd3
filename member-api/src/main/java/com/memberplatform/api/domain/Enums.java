package com.memberplatform.api.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

final class Enums {

    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        InvalidValueException.require(field, text);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidValueException(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }
}
