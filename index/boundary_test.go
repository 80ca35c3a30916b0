package index

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// engineFiles are the files of the column engine (see engine.go).
var engineFiles = []string{
	"agg.go", "casework.go", "clusters.go", "columns.go", "cow.go", "engine.go", "eval.go", "ords.go", "repeats.go", "topk.go",
}

// bothFiles use Bleve and the column engine together: the requests and
// the column file.
var bothFiles = []string{
	"board.go", "colcodec.go", "handling.go", "hits.go", "keywordlinks.go", "related.go", "scan.go", "search.go", "trends.go", "watch.go",
}

// TestEngineBoundary holds the two sides of the index to the door between
// them (engine.go): the column engine's files import nothing of Bleve and
// never name the state (which holds the Bleve index) or a snapshot, so its
// methods, on *engine, cannot reach Bleve; the Bleve side never touches the
// engine's fields and calls no method of it but those of columnEngine.
func TestEngineBoundary(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, name, nil, goparser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	for _, name := range append(slices.Clone(engineFiles), bothFiles...) {
		if files[name] == nil {
			t.Errorf("%s is listed in boundary_test.go but is not a file of the package", name)
		}
	}

	// Types tell the engine's fields and methods from others of the same
	// name. Imports are left empty (their errors ignored): the types that
	// matter here are all declared in this package.
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: emptyImporter{}, Error: func(error) {}}
	var list []*ast.File
	for _, f := range files {
		list = append(list, f)
	}
	pkg, _ := conf.Check("github.com/xinfang/xinfang/index", fset, list, info)
	engineObj, _ := pkg.Scope().Lookup("engine").(*types.TypeName)
	if engineObj == nil {
		t.Fatal("no engine type in the package")
	}
	engineStruct := engineObj.Type().Underlying().(*types.Struct)
	inEngine := func(obj types.Object) bool {
		switch obj := obj.(type) {
		case *types.Var:
			for i := range engineStruct.NumFields() {
				if engineStruct.Field(i) == obj {
					return true
				}
			}
		case *types.Func:
			recv := obj.Signature().Recv()
			if recv == nil {
				return false
			}
			rt := recv.Type()
			if p, ok := rt.(*types.Pointer); ok {
				rt = p.Elem()
			}
			return rt == engineObj.Type()
		}
		return false
	}

	// The engine's fields, its methods, and the door's methods.
	fields, methods, door := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && recvName(d.Recv.List[0].Type) == "engine" {
					methods[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					switch ts.Name.Name {
					case "engine":
						for _, fl := range ts.Type.(*ast.StructType).Fields.List {
							for _, n := range fl.Names {
								fields[n.Name] = true
							}
						}
					case "columnEngine":
						for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
							for _, n := range m.Names {
								door[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	if len(fields) == 0 || len(methods) == 0 || len(door) == 0 {
		t.Fatalf("found %d fields and %d methods of engine, %d methods of columnEngine: has engine.go changed?", len(fields), len(methods), len(door))
	}

	for name, f := range files {
		switch {
		case slices.Contains(engineFiles, name):
			for _, im := range f.Imports {
				if p, _ := strconv.Unquote(im.Path.Value); strings.HasPrefix(p, "github.com/blevesearch/") {
					t.Errorf("%s: the column engine imports %s", fset.Position(im.Pos()), p)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && (id.Name == "state" || id.Name == "snapshot") {
					t.Errorf("%s: the column engine names %s, the Bleve side's", fset.Position(id.Pos()), id.Name)
				}
				return true
			})
		case slices.Contains(bothFiles, name):
		default:
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				obj := info.Uses[sel.Sel]
				if obj == nil || !inEngine(obj) {
					return true
				}
				switch m := sel.Sel.Name; {
				case fields[m]:
					t.Errorf("%s: the Bleve side uses the engine's field %s; go through columnEngine (engine.go), or list the file in bothFiles if it is a request over both", fset.Position(sel.Sel.Pos()), m)
				case methods[m] && !door[m]:
					t.Errorf("%s: the Bleve side calls engine.%s, which is not a method of columnEngine (engine.go); widen the door, or list the file in bothFiles if it is a request over both", fset.Position(sel.Sel.Pos()), m)
				}
				return true
			})
		}
	}

	// Every method of the door is used by the Bleve side or by the
	// requests, else the door is wider than it needs to be.
	used := map[string]bool{}
	for name, f := range files {
		if slices.Contains(engineFiles, name) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				used[sel.Sel.Name] = true
			}
			return true
		})
	}
	var unused []string
	for m := range door {
		if !used[m] {
			unused = append(unused, m)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("columnEngine methods used by no file outside the engine: %v", unused)
	}
}

// emptyImporter gives every import as an empty package.
type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	p := types.NewPackage(path, filepath.Base(path))
	p.MarkComplete()
	return p, nil
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
