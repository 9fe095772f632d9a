package zola

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// pageFile is one page of a section folder.
type pageFile struct {
	name string // its path in the content folder: "talks/day-1/keynote.md"
	slug string // Zola's: the file's name, or for a bundle's index.md its folder's
}

// otherPages are extensions of pages that other site generators read and
// Zola does not: worth a word when they sit where sessions are looked for.
var otherPages = map[string]bool{".mdx": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".rmd": true}

// pages lists the Markdown pages under dir, sorted, as Zola finds them: every
// .md file in dir and its sub-folders except _index.md (a section's own
// page), index.md standing for its folder (a page bundle:
// talks/my-talk/index.md is the page my-talk). Names starting with a dot
// (editors' and version control's files) are skipped. Files in another
// page format get one warning per folder and extension.
func (r *reader) pages(dir string) []pageFile {
	var out []pageFile
	others := map[string]map[string]int{} // folder -> extension -> count
	err := fs.WalkDir(r.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			r.diags.Error(r.pos(name, 0, 0), "cannot read: "+err.Error(), "check its permissions")
			return nil
		}
		base := d.Name()
		if name != dir && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		ext := path.Ext(base)
		switch {
		case ext == ".md" && base != "_index.md":
			slug := strings.TrimSuffix(base, ".md")
			if base == "index.md" {
				slug = path.Base(path.Dir(name))
			}
			out = append(out, pageFile{name: name, slug: slug})
		case otherPages[strings.ToLower(ext)] || strings.EqualFold(ext, ".md") && ext != ".md":
			folder := path.Dir(name)
			if others[folder] == nil {
				others[folder] = map[string]int{}
			}
			others[folder][ext]++
		}
		return nil
	})
	if err != nil {
		r.diags.Error(r.pos(dir, 0, 0), "cannot read the folder: "+err.Error(), "check its permissions")
	}
	for _, folder := range sortedKeys(others) {
		for _, ext := range sortedKeys(others[folder]) {
			n := others[folder][ext]
			r.diags.Warn(r.pos(folder, 0, 0), diag.Plural(n, ext+" file")+" in "+folder+"/ "+diag.IsAre(n)+" not read: Agenda reads .md pages here, as Zola does",
				"convert them to .md pages, move them out of "+dir+"/, or map the folder in "+ConfigFile+" ([[sessions]] folder = \""+dir+"\"; see the README)")
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// surveyLimit bounds the files noSessions looks at: enough to describe any
// content folder, and quick even when pointed at a home directory.
const surveyLimit = 20000

// noSessions reports a programme without a single session. found pages were
// seen in the session folders, drafts of them left out as drafts; when some
// failed to read, their own errors say why and nothing is added.
func (r *reader) noSessions(found, drafts int) {
	where := r.pos(".", 0, 0)
	folders := make([]string, len(sessionFolders))
	for i, f := range sessionFolders {
		folders[i] = f.dir + "/"
	}
	looked := "Agenda reads .md pages in " + strings.Join(folders, ", ")
	if found > 0 {
		if drafts == found {
			r.diags.Error(where, "no sessions: all "+diag.Plural(found, "session page")+" "+diag.IsAre(found)+" drafts (draft = true), which Zola leaves out of a built site and so does Agenda",
				"remove draft = true from the pages to publish")
		}
		return
	}
	// What is here instead: files by top-level folder and extension, and any
	// session folder further down (a site's root, or content/2025/talks/).
	type group struct {
		dir, ext string
		n        int
	}
	groups := map[[2]string]*group{}
	nested := ""
	seen := 0
	_ = fs.WalkDir(r.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if seen++; seen > surveyLimit {
			return fs.SkipAll
		}
		if err != nil || name == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if nested == "" && isSessionFolder(d.Name()) && strings.Contains(name, "/") && hasMarkdown(r.fsys, name) {
				nested = path.Dir(name)
			}
			return nil
		}
		top := ""
		if i := strings.IndexByte(name, '/'); i >= 0 {
			top = name[:i]
		}
		ext := path.Ext(d.Name())
		k := [2]string{top, ext}
		if groups[k] == nil {
			groups[k] = &group{dir: top, ext: ext}
		}
		groups[k].n++
		return nil
	})
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.n != b.n {
			return a.n > b.n
		}
		return a.dir+a.ext < b.dir+b.ext
	})
	var found2 []string
	for i, g := range list {
		if i == 3 {
			found2 = append(found2, "…")
			break
		}
		what := diag.Plural(g.n, g.ext+" file")
		if g.ext == "" {
			what = diag.Plural(g.n, "file") + " without an extension"
		}
		if g.dir == "" {
			found2 = append(found2, what+" at the top")
		} else {
			found2 = append(found2, what+" in "+g.dir+"/")
		}
	}
	msg := "no sessions: " + looked
	if len(found2) == 0 {
		msg += "; this folder has no files"
	} else {
		msg += "; found " + strings.Join(found2, ", ")
	}
	hint := "write each session as a .md page in one of those folders, or map your own in " + ConfigFile + " ([[sessions]] folder = \"…\"; see the README)"
	pagesFound := false
	for _, g := range list {
		pagesFound = pagesFound || otherPages[strings.ToLower(g.ext)] || strings.EqualFold(g.ext, ".md")
	}
	if pagesFound {
		// Pages of another generator: agenda init writes that mapping.
		dir := r.prefix
		if dir == "" {
			dir = "."
		}
		if strings.ContainsAny(dir, " \t'\"") {
			dir = strconv.Quote(dir)
		}
		hint += "; agenda init " + dir + " writes one from the pages it finds"
	}
	if nested != "" {
		hint = "read " + r.pos(nested, 0, 0).File + " instead: it holds " + strings.Join(nestedFolders(r.fsys, nested), ", ")
	}
	r.diags.Error(where, msg, hint)
}

func isSessionFolder(name string) bool {
	for _, f := range sessionFolders {
		if f.dir == name {
			return true
		}
	}
	return false
}

// hasMarkdown reports whether dir holds a .md page, directly or in a bundle.
func hasMarkdown(fsys fs.FS, dir string) bool {
	entries, _ := fs.ReadDir(fsys, dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md" {
			return true
		}
		if e.IsDir() {
			if _, err := fs.Stat(fsys, dir+"/"+e.Name()+"/index.md"); err == nil {
				return true
			}
		}
	}
	return false
}

func nestedFolders(fsys fs.FS, dir string) []string {
	var out []string
	for _, f := range sessionFolders {
		if st, err := fs.Stat(fsys, dir+"/"+f.dir); err == nil && st.IsDir() {
			out = append(out, f.dir+"/")
		}
	}
	return out
}
