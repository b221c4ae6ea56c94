package com.seatkeeper;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of docs/design.md ("Modules"): no cycles, no reaching into another module's internals. */
class ModularityTests {
    /** Tests may use field injection and reach into internals; only main code is checked (any build directory). */
    static final ImportOption NO_TESTS = location -> !location.contains("/test-classes/");
    static final ApplicationModules MODULES = ApplicationModules.of(SeatkeeperApplication.class,
            NO_TESTS);

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
