// Package progress is the exercises' record of a student's checks: one JSON
// line per check appended to a small file in the student's home, read back
// by the student (exercise.Progress) and by the teacher's class report
// (cmd/classreport).
//
// A record holds the question, the outcome (correct, wrong with the hint's
// id, unanswered), the time and the attempt's number — never the student's
// code, answer or data: a hint is kept only as a label with its numbers and
// quoted text taken out. Appends take an flock on the file and write each
// line with one write(2) under PIPE_BUF bytes, so two kernels checking at
// once cannot interleave. Reading treats the file as hostile: a line that is
// not a record is reported as a problem and skipped, never fatal.
package progress
