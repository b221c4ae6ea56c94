/**
 * The web console (Thymeleaf + htmx): the Admin Console, My Classes & Students, license
 * holders, purchases, the seat ledger and the vendor admin pages. It only calls the other
 * modules' APIs with the signed-in {@link com.seatkeeper.shared.Actor}.
 */
package com.seatkeeper.console;
