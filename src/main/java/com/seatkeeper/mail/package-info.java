/**
 * Outgoing mail through a transactional outbox: {@link com.seatkeeper.mail.Outbox#enqueue} writes the mail in the
 * caller's transaction (a rolled-back change sends nothing) and a scheduled job delivers pending mail through Spring
 * Boot's mail support with retries (an SMTP outage loses nothing). In demo mode without an SMTP host, mail never leaves
 * the machine: it is kept and shown on the vendor admin's Outbox page. API: {@link com.seatkeeper.mail.Outbox}.
 */
package com.seatkeeper.mail;
