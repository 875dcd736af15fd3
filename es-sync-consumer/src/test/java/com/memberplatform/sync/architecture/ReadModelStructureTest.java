package com.memberplatform.sync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Who may use the read model's parts in the sync service. */
@AnalyzeClasses(packages = {"com.memberplatform.sync", "com.memberplatform.stores.redis"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ReadModelStructureTest {

    @ArchTest
    static final ArchRule onlyTheInvalidatorTouchesTheCache = classes().that()
            .haveFullyQualifiedName("com.memberplatform.stores.redis.MemberCacheProtocol").should().onlyBeAccessed()
            .byClassesThat(simpleNameStartingWith("CacheInvalidator").or(resideInAPackage("com.memberplatform.stores.redis..")))
            .because("the cache targets change the cache only through the protocol's invalidation (decision 0020)");

    @ArchTest
    static final ArchRule theInvalidatorReadsNoSearchCluster = noClasses()
            .that().haveSimpleName("CacheInvalidator").should().dependOnClassesThat()
            .resideInAnyPackage("com.memberplatform.stores.search..", "co.elastic..")
            .because("no correctness argument of the cache rests on a wait for one cluster (decision 0020)");
}
