package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesEveryFieldAndDoublesQuotes() {
        assertThat(Csv.row("a", "b,c", "say \"hi\"", null)).isEqualTo("\"a\",\"b,c\",\"say \"\"hi\"\"\",\"\"\r\n");
        assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }

    @Test
    void defusesEverythingASpreadsheetWouldReadAsAFormula() {
        assertThat(Csv.field("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(Csv.field("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.field("-2")).isEqualTo("\"'-2\"");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.field("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(Csv.field("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(Csv.field("Ann = Bob")).isEqualTo("\"Ann = Bob\"");
    }
}
