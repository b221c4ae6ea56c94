package com.seatkeeper.roster;

/** Where a roster record came from. */
public enum RosterSource { MANUAL, UPLOAD, CLEVER, CLASSLINK }
