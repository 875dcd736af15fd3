package com.memberplatform.write.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Who may use the read model's parts (member-read-model, decision 0022) in the write service. */
@AnalyzeClasses(packages = {"com.memberplatform.write", "com.memberplatform.readmodel"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ReadModelStructureTest {

    @ArchTest
    static final ArchRule writesNeverTouchTheCache = noClasses().that().resideInAPackage("com.memberplatform.write..")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.memberplatform.readmodel.MemberCacheProtocol")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.memberplatform.readmodel.ReadRoute")
            .because("a write changes MySQL and its outbox only; the caches follow the change events (decisions 0009, 0020)");

    @ArchTest
    static final ArchRule theBreakersGuardTheStoreCallsOnly = classes().that().haveFullyQualifiedName("com.memberplatform.readmodel.StoreGuards")
            .should().onlyBeAccessed().byClassesThat(simpleNameStartingWith("GuardedWrites")
                    .or(simpleNameStartingWith("ReplayQueue")).or(resideInAPackage("com.memberplatform.readmodel..")))
            .because("MySQL's breaker is asked where a write reaches MySQL and where the replay queue drains (decision 0018)");
}
