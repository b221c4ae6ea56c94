package com.seatkeeper.roster;

public enum UserStatus { ACTIVE, INACTIVE }
