// Package cputime measures the CPU time a process has used, for tests
// whose limits must hold on a shared machine: the wall clock measures the
// other processes as much as the one under test.
package cputime
