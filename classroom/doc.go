// Package classroom holds the tests that the course works for a class:
//
//   - TestHubServesTwoStudents starts a real JupyterHub on 127.0.0.1
//     (internal/hubtest), logs two students in, starts both servers and runs
//     lesson 01 for each through the hub's proxy, over the REST API and the
//     kernels' websockets as JupyterLab does (internal/jupyterapi). It checks
//     each student's outputs against the committed lesson, that each has
//     their own lesson1.db, that one student's compile error, runaway cell
//     and unreadable notebook file leave the other alone, that a killed
//     server loses no saved notebook, and that nothing is left running.
//   - TestRecipesMatchImage reads the deployment recipes in deploy/ and checks
//     that their image, user, home volume and notebook folder agree with the
//     Dockerfile.
//
// Under CI=true a missing jupyterhub fails the hub test; elsewhere it skips
// with the apt-get command that installs it.
package classroom
