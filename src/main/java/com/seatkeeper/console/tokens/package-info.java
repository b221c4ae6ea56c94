/**
 * The console's API tokens page: a district admin lists the district's tokens, creates one for an integration (the secret
 * shown once) and revokes one after confirming. Every rule is {@link com.seatkeeper.access.Accounts}'s.
 */
package com.seatkeeper.console.tokens;
