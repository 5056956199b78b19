package graph

// registerApplicationsNodes registers the node types of the applications area.
func (r *Resolver) registerApplicationsNodes() {}
