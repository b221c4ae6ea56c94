package com.seatkeeper.console.people;

/** The add-school and rename-school forms: the school's name, checked by the district service ({@code shared.Text}). */
public class SchoolForm {
    private String name = "";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
