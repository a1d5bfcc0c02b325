// Package browser starts the headless Chromium that the project's browser
// tests drive with chromedp: the flags the team agreed on, a fresh profile per
// browser, a tab that records console errors and every request it makes, a
// full-page screenshot helper and a static file server bound to 127.0.0.1.
//
// A test calls Start, which fails under CI=true when Chromium is missing and
// skips otherwise, then opens pages:
//
//	b := browser.Start(t)
//	site := browser.Serve(t, "build/site")
//	p := b.NewPage(t)
//	if err := p.Open(site + "/index.html"); err != nil { t.Fatal(err) }
//	for _, problem := range p.Problems(site) { t.Error(problem) }
//	p.Screenshot(t, "build/site-shots/index.png")
package browser
