package main

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/xinfang/xinfang/internal/gen"
)

// demoListPath is the news list of the demo office's generated bulletins on
// the demo site; the crawler starts there.
const demoListPath = "/gen/xfj/index.html"

// demoSite serves the fixture site and, under /gen/xfj/, the office year's
// bulletins as a 信访局 news section in the fixture's TRS layout: a list
// page and one article page each, which the crawler reads as it reads any
// government site.
func demoSite(fixture http.Handler, bulletins []gen.OfficeBulletin) http.Handler {
	pages := map[string][]byte{}
	for i := range bulletins {
		var buf bytes.Buffer
		if err := demoArticle.Execute(&buf, &bulletins[i]); err != nil {
			panic("demo: article template: " + err.Error()) // the template and its data are ours
		}
		pages[bulletins[i].Path] = buf.Bytes()
	}
	var buf bytes.Buffer
	list := make([]gen.OfficeBulletin, len(bulletins))
	for i := range bulletins {
		list[len(list)-1-i] = bulletins[i] // newest first
	}
	if err := demoList.Execute(&buf, list); err != nil {
		panic("demo: list template: " + err.Error())
	}
	pages[demoListPath] = buf.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/gen/") {
			fixture.ServeHTTP(w, r)
			return
		}
		page, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
}

var demoFuncs = template.FuncMap{
	"date": func(b gen.OfficeBulletin) string { return b.PublishedAt.Format("2006-01-02") },
	"time": func(b gen.OfficeBulletin) string { return b.PublishedAt.Format("2006-01-02 15:04:05") },
}

var demoList = template.Must(template.New("list").Funcs(demoFuncs).Parse(`<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>工作动态_信访局（演示）</title>
</head>
<body>
<div class="menu"><a href="/gen/xfj/index.html">工作动态</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gen/xfj/index.html">工作动态</a></div>
<div class="list">
<ul>
{{range .}}<li><a href="{{.Path}}" target="_blank">{{.Title}}</a><span>{{date .}}</span></li>
{{end}}</ul>
</div>
<div class="foot">主办单位：信访局（演示数据） 版权所有</div>
</body>
</html>
`))

var demoArticle = template.Must(template.New("article").Funcs(demoFuncs).Parse(`<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{{.Title}}_工作动态_{{.Source}}</title>
</head>
<body>
<div class="menu"><a href="/gen/xfj/index.html">工作动态</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gen/xfj/index.html">工作动态</a> &gt; 正文</div>
<div class="xl_main">
  <h1 class="xl_title">{{.Title}}</h1>
  <div class="xl_info">发布时间：{{time .}}&nbsp;&nbsp;&nbsp;信息来源：{{.Source}}</div>
  <div class="TRS_Editor" id="zoom">
{{range .Paragraphs}}    <p>　　{{.}}</p>
{{end}}  </div>
  <div class="xl_editor">责任编辑：演示</div>
</div>
<div class="foot">主办单位：信访局（演示数据） 版权所有</div>
</body>
</html>
`))
