package catalogue

// Marker methods: the GraphQL layer binds its Service, Agency and Category
// types straight to these views (no copy per request), and its Node and
// federation entity interfaces ask for these methods. They carry no logic.

// IsNode marks a Node.
func (*ServiceView) IsNode() {}

// GetID returns the global ID.
func (v *ServiceView) GetID() string { return v.ID }

// IsEntity marks a federation entity.
func (*ServiceView) IsEntity() {}

// IsNode marks a Node.
func (*AgencyView) IsNode() {}

// GetID returns the global ID.
func (v *AgencyView) GetID() string { return v.ID }

// IsEntity marks a federation entity.
func (*AgencyView) IsEntity() {}

// IsNode marks a Node.
func (*CategoryView) IsNode() {}

// GetID returns the global ID.
func (v *CategoryView) GetID() string { return v.ID }
