package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/partner"
)

const agencyUsage = "usage: dvcportal agency create-key --agency CODE [--label TEXT] [--scope catalogue,applications] | revoke-key --id N | list-keys [--agency CODE]"

// runAgency manages agency API keys. create-key prints the new key once: it
// is stored only as a hash.
func runAgency(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(agencyUsage)
	}
	fs := flag.NewFlagSet("agency "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	agency := fs.String("agency", "", "agency code")
	label := fs.String("label", "", "what the key is for")
	id := fs.String("id", "", "key id")
	scope := fs.String("scope", "", "comma-separated scopes of the new key: catalogue, applications (default: both)")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 0 {
		return errors.New(agencyUsage)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	db, closeDB, err := migratedDatabase(ctx, &cfg, slog.Default(), attachCluster)
	if err != nil {
		return err
	}
	defer func() { _ = closeDB(context.WithoutCancel(ctx)) }()
	keys := partner.NewKeys(db)

	switch args[0] {
	case "create-key":
		if *agency == "" {
			return errors.New(agencyUsage)
		}
		scopes, err := partner.ParseScopes(*scope)
		if err != nil {
			return err
		}
		// The agencies come with the seed catalogue; load it (idempotent) so a
		// key can be made before the server first ran.
		c, err := seed.Load()
		if err != nil {
			return err
		}
		if err := catalogue.LoadSeed(ctx, db, c); err != nil {
			return err
		}
		client, key, err := keys.Create(ctx, *agency, *label, scopes...)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API key %d for agency %s, scopes %s (shown once, store it now):\n%s\n",
			client.ID, client.AgencyCode, strings.Join(client.Scopes, ","), key)
		return nil
	case "revoke-key":
		n, err := strconv.ParseInt(*id, 10, 64)
		if err != nil || n <= 0 {
			return errors.New(agencyUsage)
		}
		if err := keys.Revoke(ctx, n); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API key %d revoked\n", n)
		return nil
	case "list-keys":
		list, err := keys.List(ctx, *agency)
		if err != nil {
			return err
		}
		for _, c := range list {
			state := "active"
			if c.RevokedAt != nil {
				state = "revoked " + c.RevokedAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s…\t%s\t%s\t%s\n", c.ID, c.AgencyCode, c.KeyHint, strings.Join(c.Scopes, ","), state, c.Label)
		}
		return nil
	default:
		return errors.New(agencyUsage)
	}
}
