// The frontier of a run: workers per site, URLs popped from the on-disk queue
// in small batches, the end of a run (nothing waiting, nobody busy), and the
// child items a page adds within the depth limit.

package crawl

// work processes frontier items until there are none left and no other
// worker can add more, or the run stops.
func (r *run) work(site *Site) {
	for {
		p, ok := r.next(site)
		if !ok {
			return
		}
		err := r.process(p)
		r.mu.Lock()
		r.active--
		if err != nil && r.fatal == nil {
			r.fatal = err
		}
		r.wake.Broadcast()
		r.mu.Unlock()
	}
}

// popBatch is how many frontier items one store transaction moves to the
// in-flight set.
const popBatch = 16

// next hands out the next URL of site. Each site has its own workers and
// frontier, so that a slow or rate-limited site does not hold up the
// others. The run is done when no URL is waiting anywhere and no worker is
// busy (a busy worker may still add URLs).
func (r *run) next(site *Site) (popped, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if r.done || r.fatal != nil || r.ctx.Err() != nil {
			return popped{}, false
		}
		buf := r.buf[site.Name]
		if len(buf) == 0 {
			keys, items, err := r.store.popN(site.Name, popBatch)
			if err != nil {
				r.fatal = err
				r.wake.Broadcast()
				return popped{}, false
			}
			for i := range keys {
				buf = append(buf, popped{keys[i], items[i]})
			}
		}
		if len(buf) > 0 {
			r.buf[site.Name] = buf[1:]
			r.active++
			return buf[0], true
		}
		if r.active == 0 && r.buffered() == 0 {
			pending, err := r.store.pending()
			if err != nil {
				r.fatal = err
				r.wake.Broadcast()
				return popped{}, false
			}
			if !pending {
				r.done = true
				r.wake.Broadcast()
				return popped{}, false
			}
		}
		r.wake.Wait()
	}
}

// buffered counts the URLs popped from the store and not handed out yet.
func (r *run) buffered() int {
	n := 0
	for _, b := range r.buf {
		n += len(b)
	}
	return n
}

// children are the frontier items for the links of it, within the depth
// limit.
func (r *run) children(site *Site, it item, links []string) []item {
	if site.MaxDepth > 0 && it.Depth+1 > site.MaxDepth {
		return nil
	}
	out := make([]item, 0, len(links))
	for _, l := range links {
		if r.byHost[hostOf(l)] == site {
			out = append(out, item{Site: site.Name, URL: l, Depth: it.Depth + 1})
		}
	}
	return out
}
