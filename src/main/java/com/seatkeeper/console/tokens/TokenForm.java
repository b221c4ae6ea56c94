package com.seatkeeper.console.tokens;

/** The new-token form: the integration's name, checked by {@code Accounts.issueOwnToken} ({@code shared.Text}). */
public class TokenForm {
    private String name = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
