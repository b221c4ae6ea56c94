package com.seatkeeper.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

/**
 * Console sessions are stored in PostgreSQL (Spring Session JDBC), which serializes every session attribute, including the
 * flash attributes a redirect carries: a message type that is not {@link Serializable} turns the redirect after a form into
 * a 500. The console's message types (records named Flash or Message) must be serializable.
 */
class FlashMessagesAreSerializableTest {

    @Test
    void theConsolesMessageTypesAreSerializable() {
        JavaClasses console = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.seatkeeper.console");
        classes().that().areRecords().and().haveNameMatching(".*[.$](Flash|Message)")
                .should().implement(Serializable.class)
                .because("flash attributes live in the session, which is serialized into the database")
                .check(console);
    }
}
