/**
 * Runtime plumbing shared by all modules: the clock, the request mapping order and, in run mode and tests, the embedded
 * PostgreSQL. No business rules live here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.seatkeeper.platform;
