package crawl
import ("testing";"fmt")
func TestDbg(t *testing.T){
	for _, p := range []string{"/fzrb/index.html"} {
		doc,u,_ := fixturePage(t,p)
		b, err := parseArticle(doc,u,Selectors{})
		fmt.Printf("%s: %v\n%q\n", p, err, b.Content)
	}
}
