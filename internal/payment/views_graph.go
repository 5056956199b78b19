package payment

// The GraphQL interface markers of the types schema/payments.graphqls binds.

// IsNode marks a Node.
func (*Payment) IsNode() {}

// IsEntity marks a federation entity.
func (*Payment) IsEntity() {}

// IsNode marks a Node.
func (*Receipt) IsNode() {}

// IsEntity marks a federation entity.
func (*Receipt) IsEntity() {}

// GetID returns the global ID.
func (p *Payment) GetID() string { return GlobalID(p.ID) }

// GetID returns the global ID.
func (r *Receipt) GetID() string { return ReceiptGlobalID(r.ID) }
