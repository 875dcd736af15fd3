package com.memberplatform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.client.CallerRegistryConfiguration;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The HTTP edge of a member service: caller authentication in front, problem+json behind. */
@Configuration(proxyBeanMethods = false)
@Import({CallerRegistryConfiguration.class, FlowRulesConfiguration.class, ApiExceptionHandler.class})
public class MemberWebConfiguration {

    @Bean
    FilterRegistrationBean<CallerAuthentication> callerAuthentication(LiveDocument<CallerRegistry> registry, ObjectMapper json) {
        FilterRegistrationBean<CallerAuthentication> registration =
                new FilterRegistrationBean<>(new CallerAuthentication(registry, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FlowControl flowControl(LiveDocument<FlowRules> flowRules, LiveDocument<CallerRegistry> callerRegistry, MeterRegistry meters) {
        return new FlowControl(flowRules, callerRegistry, meters);
    }

    /** Right after authentication: the limits need to know the caller. */
    @Bean
    FilterRegistrationBean<FlowControlFilter> flowControlFilter(FlowControl flowControl, ObjectMapper json) {
        FilterRegistrationBean<FlowControlFilter> registration = new FilterRegistrationBean<>(new FlowControlFilter(flowControl, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(1);
        return registration;
    }
}
