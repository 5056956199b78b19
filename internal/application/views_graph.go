package application

// Marker methods: the GraphQL layer binds its Application type straight to
// Application, and its Node and federation entity interfaces ask for these
// methods. They carry no logic.

// IsNode marks a Node.
func (*Application) IsNode() {}

// GetID returns the global ID.
func (a *Application) GetID() string { return GlobalID(a.ID) }

// IsEntity marks a federation entity.
func (*Application) IsEntity() {}
