package enterprise

// IsNode marks Record as the GraphQL Node Enterprise (its global ID is
// GlobalID(TaxCode)).
func (*Record) IsNode() {}

// GetID is the Node's id.
func (r *Record) GetID() string { return GlobalID(r.TaxCode) }
