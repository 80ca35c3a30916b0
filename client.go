package xinfang

import (
	"context"
	"errors"
)

// ErrOverBudget marks a request refused because the budget of its kind of
// work is spent for now (see the index's expensive searches): retrying a
// moment later may succeed. The HTTP layer answers it with 429.
var ErrOverBudget = errors.New("over budget")

type clientKey struct{}

// WithClient returns ctx naming the client a request comes from (a
// principal, or an address when anonymous), by which the index shares out
// its budgets.
func WithClient(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, clientKey{}, name)
}

// ClientFrom returns the client named by WithClient, "" when none is.
func ClientFrom(ctx context.Context) string {
	name, _ := ctx.Value(clientKey{}).(string)
	return name
}
