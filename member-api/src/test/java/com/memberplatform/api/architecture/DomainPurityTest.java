package com.memberplatform.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared domain stays plain Java: no framework decides what a member is. */
@AnalyzeClasses(packages = "com.memberplatform.api", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainPurityTest {

    @ArchTest
    static final ArchRule noSpringInTheDomain = noClasses().that().resideInAnyPackage("com.memberplatform.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.apache.ibatis..", "org.apache.shardingsphere..", "org.redisson..", "co.elastic..")
            .because("member-api is the shared domain; adapters live in the services and member-stores");

    @ArchTest
    static final ArchRule domainDoesNotReachOut = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..contract..", "..topology..")
            .because("contracts and topology build on the domain, not the other way round");
}
