// Package nbrun executes the course's notebooks headlessly and reads what
// they printed, for the lesson runner (make lessons, make save-outputs) and
// for the notebook tests.
//
// A notebook runs exactly as a student's would: Jupyter's
// `jupyter nbconvert --to notebook --execute` starts the installed GoNB
// kernel (its plain-text-errors twin, [HeadlessKernel]) with the notebook's
// own folder as working directory. Only the
// executed copy is written, into an output folder (build/lessons, or a test's
// temporary folder); the committed notebook is read, never overwritten.
//
//	j, err := nbrun.FindJupyter(ctx)                 // jupyter with nbconvert, or ErrNoJupyter
//	k, err := nbrun.FindKernel(ctx, j, "gonb")       // its kernelspec, or ErrNoKernel
//	run, err := j.Execute(ctx, "notebooks/01_create_database.ipynb", nbrun.ExecOptions{OutDir: dir})
//	fmt.Print(run.Notebook.Stdout())                 // everything the cells printed
//
// # Stable outputs
//
// Executed notebooks are normalized ([Normalize]) so a re-run diffs cleanly
// against the committed copy: Jupyter's per-cell timing metadata is dropped,
// each cell's outputs are put in a canonical order (printed text first, then
// displays: GoNB delivers the two over separate pipes, so their interleaving
// varies), and volatile text is masked — the clock
// time and duration in bun's query log lines, GoNB's temporary build folder
// and the checkout's absolute path. The notebook's language_info gets Go's
// lexer, so renderers highlight Go as Go.
//
// # Live kernels
//
// [Jupyter.StartSession] drives one kernel request by request, as a front
// end does: cells in any order, Tab completion, Shift+Tab inspection.
//
// # Kernel set-up
//
// GoNB itself installs its kernelspec (gonb --install). [KernelSpec] reads
// it back, and [KernelSpec.PrependPath] puts the folder holding the pinned
// gonb and goimports binaries on the kernel's PATH, because GoNB runs
// goimports on every cell and a Jupyter started from a desktop launcher may
// not have that folder (or even Go) on its PATH. gopls has a folder of its
// own, on the students' kernel's PATH only.
// [KernelSpec.SetEnv] (the
// `nbrun kernel-env` command) sets the rest of what every cell's go commands
// see: scripts/setup.sh links cells stripped (GOFLAGS=-ldflags=-s) and puts
// the local module cache first on GOPROXY, because GoNB runs `go get` before
// every cell. [StalePackages] (`nbrun cold-notice`, each lesson's first
// line) tells a student when Go's build cache is cold, before the cell
// compiles for a minute. The students' kernel (StudentKernel, the
// notebooks' metadata) shows GoNB's rich HTML errors;
// [KernelSpec.HeadlessTwin] writes the twin with -raw_error, and the same
// environment, for headless runs.
package nbrun
