package com.memberplatform.sync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Who may use the read model's parts (member-read-model, decision 0022) in the sync service. */
@AnalyzeClasses(packages = {"com.memberplatform.sync", "com.memberplatform.readmodel"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ReadModelStructureTest {

    @ArchTest
    static final ArchRule onlyTheInvalidatorTouchesTheCache = classes().that()
            .haveFullyQualifiedName("com.memberplatform.readmodel.MemberCacheProtocol").should().onlyBeAccessed()
            .byClassesThat(simpleNameStartingWith("CacheInvalidator").or(resideInAPackage("com.memberplatform.readmodel..")))
            .because("the cache targets change the cache only through the protocol's invalidation (decision 0020)");

    @ArchTest
    static final ArchRule theInvalidatorReadsNoSearchCluster = noClasses()
            .that().haveSimpleName("CacheInvalidator").should().dependOnClassesThat()
            .resideInAnyPackage("com.memberplatform.stores.search..", "co.elastic..")
            .because("no correctness argument of the cache rests on a wait for one cluster (decision 0020)");

    @ArchTest
    static final ArchRule theConsumerFollowsNoReadRoute = noClasses().that().resideInAPackage("com.memberplatform.sync..")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.memberplatform.readmodel.ReadRoute")
            .because("an invalidation must hold whichever cluster a reader read (decision 0020): it needs no cluster order");
}
