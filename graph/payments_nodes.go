package graph

import (
	"context"
	"strconv"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/payment"
)

// loadPayment and loadReceipt are the node loaders of Payment and Receipt:
// the same visibility rule as every other path (payer; agency of its
// obligations).
func (r *Resolver) loadPayment(ctx context.Context, key string) (model.Node, error) {
	id, _ := strconv.ParseInt(key, 10, 64)
	p, err := r.paymentByID(ctx, id)
	if p == nil || err != nil {
		return nil, err
	}
	return p, nil
}

func (r *Resolver) loadReceipt(ctx context.Context, key string) (model.Node, error) {
	id, _ := strconv.ParseInt(key, 10, 64)
	rc, err := r.receiptByID(ctx, id)
	if rc == nil || err != nil {
		return nil, err
	}
	return rc, nil
}

// paymentByID is a payment the caller may see, or nil.
func (r *Resolver) paymentByID(ctx context.Context, id int64) (*payment.Payment, error) {
	if id <= 0 {
		return nil, nil
	}
	p, ok, err := r.PaymentService.Get(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	return &p, nil
}

// receiptByID is a receipt of a payment the caller may see, or nil.
func (r *Resolver) receiptByID(ctx context.Context, id int64) (*payment.Receipt, error) {
	if id <= 0 {
		return nil, nil
	}
	rc, ok, err := r.PaymentService.Receipt(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	return &rc, nil
}
