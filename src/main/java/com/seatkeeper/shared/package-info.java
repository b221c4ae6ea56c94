/**
 * The shared kernel: self-validating ids, the signed-in {@link com.seatkeeper.shared.Actor},
 * business refusals and their one mapping to problem details. Open to every module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.seatkeeper.shared;
