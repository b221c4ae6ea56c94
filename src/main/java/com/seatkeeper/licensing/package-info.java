/**
 * The licensing core: license pools, purchases, assignments and the seat ledger, with the
 * invariants 1–5 of docs/design.md ("Invariants"). API: {@link com.seatkeeper.licensing.Licensing}.
 */
package com.seatkeeper.licensing;
