package frontmatter

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlNodes bounds the nodes the YAML parser may build, counted before it
// runs from the characters that can start one (see countNodes): a yaml.Node
// costs some 200 bytes, so a few megabytes of "[a,a,a,…" must not reach it.
const yamlNodesPerCost = 2

// DecodeYAML bounds and decodes YAML front matter src, which starts on line
// first of the file, into a table whose values carry their line and column.
// Bounds, from l: its size; the nodes the parser would build, counted in one
// linear pass before it runs; the values of the tree with every alias
// counted as what it would expand to (so a billion-laughs document is
// refused after reading a few nodes: aliases are shared, never copied); and
// its nesting, through aliases too. Errors are *Error, Line in the file.
func DecodeYAML(src []byte, first int, l Limits) (*Value, error) {
	if len(src) > l.Size {
		return nil, &Error{Line: first, Col: 1, Msg: l.What + " is " + size(len(src)) + " long; Agenda reads at most " + size(l.Size),
			Hint: "shorten it: long descriptions and bios belong in a few paragraphs"}
	}
	if n, line := countNodes(src); n > yamlNodesPerCost*l.Cost {
		return nil, &Error{Line: first - 1 + line, Col: 1, Msg: "too many keys and values to read safely: Agenda reads at most " + strconv.Itoa(l.Cost),
			Hint: "remove data the programme does not use, or split it over several pages"}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlErr(err.Error())
		return nil, &Error{Line: first - 1 + max(line, 1), Col: 1, Msg: "invalid YAML: " + msg,
			Hint: "fix the front matter: a key, a colon and a space, then the value; indent nested keys with spaces"}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &Value{Kind: Table, Line: first, Col: 1}, nil
	}
	c := yconv{first: first, l: l, memo: map[*yaml.Node]*ymemo{}}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return &Value{Kind: Table, Line: first, Col: 1}, nil
	}
	v, _, _ := c.node(root, 1)
	if c.err != nil {
		return nil, c.err
	}
	if v.Kind != Table {
		return nil, &Error{Line: v.Line, Col: v.Col, Msg: "the front matter is " + v.Describe() + ", but must be keys and values",
			Hint: "write one key per line: title: \"My talk\""}
	}
	return v, nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// yamlErr splits the parser's "yaml: line 3: message" into its line and message.
func yamlErr(s string) (int, string) {
	m := yamlLine.FindStringSubmatch(s)
	if m == nil {
		return 0, s
	}
	line, _ := strconv.Atoi(m[1])
	return line, s[len(m[0]):]
}

// countNodes counts what could start a YAML node: a line, a comma, an
// opening bracket or brace, an alias, an anchor, and a ':', '-' or '?'
// followed by a blank. It returns the count and the line where it passed
// the bound (the last line otherwise).
func countNodes(src []byte) (n, line int) {
	line = 1
	for i, c := range src {
		switch c {
		case '\n':
			line++
			n++
		case ',', '[', '{', '*', '&':
			n++
		case ':', '-', '?':
			if i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\t' || src[i+1] == '\n' || src[i+1] == '\r' {
				n++
			}
		}
	}
	return n, line
}

type ymemo struct {
	v            *Value
	size, height int
	done         bool
}

type yconv struct {
	first int
	l     Limits
	cost  int
	memo  map[*yaml.Node]*ymemo
	err   *Error
}

func (c *yconv) fail(n *yaml.Node, msg, hint string) {
	if c.err == nil {
		c.err = &Error{Line: c.first - 1 + n.Line, Col: max(n.Column, 1), Msg: msg, Hint: hint}
	}
}

func (c *yconv) tooDeep(n *yaml.Node) {
	c.fail(n, "lists and tables are nested more than "+strconv.Itoa(c.l.Depth)+" deep, more than Agenda reads safely",
		"flatten the data")
}

// charge counts n values and fails at node at past the bound.
func (c *yconv) charge(at *yaml.Node, n int) bool {
	c.cost += n
	if c.cost > c.l.Cost {
		c.fail(at, "too many keys and values, aliases counted as what they repeat, to read safely: Agenda reads at most "+strconv.Itoa(c.l.Cost),
			"remove data the programme does not use; an alias (*name) counts as a copy of its anchor")
		return false
	}
	return true
}

// node converts n at nesting depth and returns it with its size (values,
// aliases expanded) and height (nesting below it, aliases followed).
func (c *yconv) node(n *yaml.Node, depth int) (*Value, int, int) {
	if c.err != nil {
		return &Value{}, 0, 0
	}
	if n.Kind == yaml.AliasNode {
		m := c.memo[n.Alias]
		if m == nil || !m.done {
			c.fail(n, "the alias *"+n.Value+" refers to a value that contains it", "an alias must refer to an anchor (&name) that is complete before it")
			return &Value{}, 0, 0
		}
		if !c.charge(n, m.size) {
			return &Value{}, 0, 0
		}
		if depth+m.height > c.l.Depth {
			c.tooDeep(n)
			return &Value{}, 0, 0
		}
		return m.v, m.size, m.height
	}
	if !c.charge(n, 1) {
		return &Value{}, 0, 0
	}
	v := &Value{Line: c.first - 1 + n.Line, Col: max(n.Column, 1)}
	var m *ymemo
	if n.Anchor != "" {
		m = &ymemo{v: v}
		c.memo[n] = m
	}
	size, height := 1, 0
	switch n.Kind {
	case yaml.ScalarNode:
		c.scalar(n, v)
	case yaml.SequenceNode:
		if depth >= c.l.Depth {
			c.tooDeep(n)
			break
		}
		v.Kind = List
		v.List = make([]*Value, 0, len(n.Content))
		for _, x := range n.Content {
			e, s, h := c.node(x, depth+1)
			v.List = append(v.List, e)
			size += s
			height = max(height, h+1)
		}
	case yaml.MappingNode:
		if depth >= c.l.Depth {
			c.tooDeep(n)
			break
		}
		s, h := c.mapping(n, v, depth)
		size += s
		height = max(height, h)
	default:
		c.fail(n, "unexpected YAML", "")
	}
	if m != nil {
		m.size, m.height, m.done = size, height, true
	}
	return v, size, height
}

func (c *yconv) mapping(n *yaml.Node, v *Value, depth int) (size, height int) {
	v.Kind = Table
	v.Table = make([]Field, 0, len(n.Content)/2)
	seen := make(map[string]bool, len(n.Content)/2)
	var merged []Field
	for i := 0; i+1 < len(n.Content) && c.err == nil; i += 2 {
		k, x := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			c.fail(k, "a key must be a word, not a list or a table", "write key: value")
			return
		}
		e, s, h := c.node(x, depth+1)
		size += s
		height = max(height, h+1)
		if k.ShortTag() == "!!merge" {
			// "<<: *base" or "<<: [*a, *b]": the keys of those tables, unless set here.
			from := []*Value{e}
			if e.Kind == List {
				from = e.List
			}
			for _, t := range from {
				if t.Kind != Table {
					c.fail(x, "<< must merge a table or a list of tables", "")
					return
				}
				merged = append(merged, t.Table...)
			}
			continue
		}
		if seen[k.Value] {
			c.fail(k, "the key "+strconv.Quote(short(k.Value))+" is given twice", "remove one of them")
			return
		}
		seen[k.Value] = true
		v.Table = append(v.Table, Field{Key: k.Value, Line: c.first - 1 + k.Line, Col: max(k.Column, 1), Value: e})
	}
	for _, f := range merged {
		if !seen[f.Key] {
			seen[f.Key] = true
			v.Table = append(v.Table, f)
		}
	}
	return size, height
}

// scalar types a scalar as YAML 1.2's core schema does, except that a plain
// date-time is a Time whatever its spelling ("2023-10-16 09:00:00-04:00",
// which the library leaves a string) and that quoted text is always a string.
func (c *yconv) scalar(n *yaml.Node, v *Value) {
	v.Kind, v.Str = String, n.Value
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return
	}
	tag := n.ShortTag()
	if n.Style&yaml.TaggedStyle == 0 || tag == "!!timestamp" {
		if t, k, ok := ParseTime(n.Value); ok {
			v.Kind, v.Time, v.TimeKind = Time, t, k
			return
		}
	}
	switch tag {
	case "!!null":
		v.Kind = Null
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			v.Kind, v.Bool = Bool, b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			v.Kind, v.Int = Int, i
		} else if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			v.Kind, v.Float = Float, f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			v.Kind, v.Float = Float, f
		}
	}
}
