/**
 * Runtime plumbing shared by all modules: the clock, the request mapping order, the cluster-safe persistent scheduler
 * ({@link com.seatkeeper.platform.Jobs}, {@link com.seatkeeper.platform.RecurringJob},
 * {@link com.seatkeeper.platform.OneTimeJob}) and, in run mode and tests, the embedded PostgreSQL. No business rules live
 * here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.seatkeeper.platform;
