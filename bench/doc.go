// Package bench holds the course's benchmarks, `make bench` (bench.py: what
// each lesson cell costs next to the floor and the Python lesson) and `make
// bench-classroom` (classroom.py: how many students one machine holds).
// They are Python scripts driving real kernels with jupyter_client, the
// reference Jupyter client; see benchlib.py for why.
//
// Speed is measured there, never in tests. The tests here check the
// benches themselves: their statistics and tables (the scripts' own unit
// tests, run by TestSelfTest) and that the classroom bench survives a
// runaway student and leaves no kernel or temporary folder behind, when it
// finishes and when it is interrupted.
package bench
