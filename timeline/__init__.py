"""Policy Timeline: schema, store, filters, figures and exports over dated policy events."""
