package com.memberplatform.query.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.memberplatform.query.read.MemberReader;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Who may use the read model's parts (member-read-model, decision 0022) in the query service. */
@AnalyzeClasses(packages = {"com.memberplatform.query", "com.memberplatform.readmodel"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ReadModelStructureTest {

    private static final String READ_MODEL = "com.memberplatform.readmodel..";

    @ArchTest
    static final ArchRule onlyTheCachePartTouchesTheCacheProtocol = classes().that()
            .haveFullyQualifiedName("com.memberplatform.readmodel.MemberCacheProtocol").should().onlyBeAccessed()
            .byClassesThat(simpleNameStartingWith("CachedMembers").or(resideInAPackage(READ_MODEL)))
            .because("one class of the query service speaks the cache protocol (decision 0020)");

    /** The answer's shape (the member-view document) is the API's to render; reaching a store is not. */
    @ArchTest
    static final ArchRule theApiReadsThroughTheReaderOnly = noClasses().that().resideInAPackage("..query.web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.redisson..", "co.elastic..", "com.memberplatform.stores.redis..",
                    "com.memberplatform.stores.mysql..")
            .orShould().dependOnClassesThat().haveSimpleNameStartingWith("SearchClusters")
            .orShould().dependOnClassesThat().haveSimpleNameStartingWith("SearchReads")
            .orShould().dependOnClassesThat().haveSimpleNameStartingWith("MysqlReads")
            .orShould().dependOnClassesThat().haveSimpleNameStartingWith("CachedMembers")
            .because("the lookup API asks " + MemberReader.class.getSimpleName() + ", which alone decides the route and the fallback");

    @ArchTest
    static final ArchRule theRouteIsDecidedInOnePlace = classes().that().haveFullyQualifiedName("com.memberplatform.readmodel.ReadRoute")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("..query.read..", READ_MODEL)
            .because("which store a caller class reads, in which order, is the read model's route, followed by the read path alone");

    @ArchTest
    static final ArchRule theBreakersGuardTheReadPathOnly = classes().that().haveFullyQualifiedName("com.memberplatform.readmodel.StoreGuards")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("..query.read..", READ_MODEL)
            .because("a store is skipped or probed by the read path that falls back, nowhere else (decision 0022)");

    @ArchTest
    static final ArchRule theReadModelIsDefinedInItsOwnModuleOnly = noClasses().that().resideInAPackage("com.memberplatform.query..")
            .should().haveSimpleNameEndingWith("Route").orShould().haveSimpleNameEndingWith("Guards")
            .orShould().haveSimpleNameEndingWith("CacheProtocol")
            .because("the read route, the breakers and the cache protocol have one owner, member-read-model (decision 0022)");
}
