package com.seatkeeper.console.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A small OneRoster 1.1 bulk set written for the console's tests: one school, one term, one course, one class with a
 * teacher and two students (emails unique to the set). {@link #withUnknownStudentInEnrollments()} makes line 4 of
 * enrollments.csv name a user that exists nowhere (an error: {@code userSourcedId}).
 */
final class OneRosterSet {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    private String secondStudentInEnrollments = "usr-s2";
    private boolean students = true;

    /** The same set without its two students (users and enrollments): a bulk upload of it removes them. */
    OneRosterSet withoutStudents() {
        students = false;
        return this;
    }

    /** The two students back (after {@link #withoutStudents()}): a bulk upload of it reactivates them. */
    OneRosterSet withStudents() {
        students = true;
        return this;
    }

    OneRosterSet withUnknownStudentInEnrollments() {
        secondStudentInEnrollments = "usr-s9-nowhere";
        return this;
    }

    String email(String who) {
        return who + "." + tag + "@upload.example.test";
    }

    /** The files by name, CRLF line endings as most exports write them. */
    Map<String, byte[]> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("manifest.csv", lines("propertyName,value", "manifest.version,1.0", "oneroster.version,1.1", "file.academicSessions,bulk",
                "file.categories,absent", "file.classes,bulk", "file.classResources,absent", "file.courses,bulk", "file.courseResources,absent",
                "file.demographics,absent", "file.enrollments,bulk", "file.lineItems,absent", "file.orgs,bulk", "file.resources,absent",
                "file.results,absent", "file.users,bulk", "source.systemName,Console test", "source.systemCode,test"));
        f.put("orgs.csv", lines("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
                "org-district,,,Upload District,district,,", "org-lincoln,,,Lincoln Elementary " + tag + ",school,,org-district"));
        f.put("academicSessions.csv", lines("sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
                "term-2027,,,2026-2027,schoolYear,2026-08-15,2027-06-10,,2027"));
        f.put("courses.csv", lines("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
                "crs-math4,,,term-2027,Math 4,M4,04,org-lincoln,,"));
        f.put("classes.csv", lines("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,"
                + "termSourcedIds,subjects,subjectCodes,periods", "cls-math4-12,,,Math 4 Room 12,04,crs-math4,M4-12,scheduled,,org-lincoln,term-2027,,,"));
        f.put("users.csv", lines("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                        + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
                "usr-t1,,,true,org-lincoln,teacher,t1,,Ruth,Okafor,,," + email("ruth") + ",,,,,",
                students ? "usr-s1,,,true,org-lincoln,student,s1,,Mateo,Álvarez,,," + email("mateo") + ",,,,04,\r\n"
                        + "usr-s2,,,true,org-lincoln,student,s2,,Aiyana,Begay,,," + email("aiyana") + ",,,,04," : null));
        f.put("enrollments.csv", lines("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
                "enr-t1,,,cls-math4-12,org-lincoln,usr-t1,teacher,true,,", students ? "enr-s1,,,cls-math4-12,org-lincoln,usr-s1,student,false,,\r\n"
                        + "enr-s2,,,cls-math4-12,org-lincoln," + secondStudentInEnrollments + ",student,false,," : null));
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        f.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    /** The files written to a new directory (for a browser's file input); returns their paths by name. */
    Map<String, Path> writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Map<String, Path> out = new LinkedHashMap<>();
            for (var e : files().entrySet()) {
                out.put(e.getKey(), Files.write(dir.resolve(e.getKey()), e.getValue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows with CRLF after each; a null row is left out. */
    private static String lines(String... rows) {
        return String.join("\r\n", Arrays.stream(rows).filter(Objects::nonNull).toList()) + "\r\n";
    }
}
