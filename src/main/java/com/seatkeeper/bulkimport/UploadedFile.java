package com.seatkeeper.bulkimport;

import java.nio.file.Path;

/**
 * One part of an upload, already on disk (never held in memory): the name the client gave it (e.g. {@code users.csv}
 * or {@code roster.zip}), where it is stored, and its size in bytes. The caller deletes the file after the import.
 */
public record UploadedFile(String name, Path path, long size) {}
