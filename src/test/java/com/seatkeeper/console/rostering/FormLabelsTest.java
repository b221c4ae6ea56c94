package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.console.Forms;
import com.seatkeeper.shared.FieldRefusal;
import org.junit.jupiter.api.Test;

/** The Rostering forms' refusals in the forms' own labels, never the API's field names (plain functions, no Spring). */
class FormLabelsTest {

    @Test
    void aFieldRefusalNamesTheFormsLabelsNotTheApisFields() {
        var refusal = new FieldRefusal("oneRoster.clientSecret", "oneRoster.clientSecret is required: oneRoster.tokenUrl changed. "
                + "oneRoster.tokenUrl is required for OAUTH2: see oneRoster.tokenUrlX.");
        var worded = (FieldRefusal) Forms.labelled(refusal, RosteringPageController.ONEROSTER_LABELS);
        assertThat(worded.field()).as("the field stays the API's, to find the form field").isEqualTo("oneRoster.clientSecret");
        assertThat(worded.message()).isEqualTo("Client secret is required: “Token URL” changed. Token URL is required for OAuth 2.0: "
                + "see oneRoster.tokenUrlX.");
        assertThat(Forms.labelled("clever.baseUrl is the API root: Seatkeeper adds /v3.1 from apiVersion.", RosteringPageController.LABELS))
                .isEqualTo("API address is the API root: Seatkeeper adds /v3.1 from “API version”.");
    }
}
