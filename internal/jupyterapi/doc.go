// Package jupyterapi drives a Jupyter server the way JupyterLab in a
// browser does: its REST API with a token (sessions, kernels, contents) and
// each kernel's websocket channels, over which a cell is an execute_request
// and its outputs come back as iopub messages.
//
// The classroom test uses it to run lessons for several students through a
// real JupyterHub, where a student's server lives at /user/<name>/:
//
//	c := &jupyterapi.Client{BaseURL: hubURL + "user/alice/", Token: aliceToken}
//	s, err := c.StartSession(ctx, "bunbook/notebooks/01_create_database.ipynb", "gonb")
//	ch, err := c.Connect(ctx, s.Kernel.ID)
//	res, err := ch.Execute(ctx, cell.Source) // res.Stdout(), res.HTML(), res.Error()
//
// Results reuse [nbrun.Cell], so the checks that read a saved notebook's
// outputs read a live cell's outputs the same way.
//
// Why a websocket library: the standard library has no websocket client;
// github.com/coder/websocket (formerly nhooyr.io/websocket) is small,
// maintained, context-aware and has no dependencies of its own.
package jupyterapi
