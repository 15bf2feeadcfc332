/**
 * Generated from Bifrost's OpenAPI document (GET /openapi.json) by scripts/gen-api.ts: do not edit;
 * run `npm run gen:api` after changing a route's zod schemas. web/src/api/types.ts names these shapes.
 */


export interface paths {
  "/healthz": {
    /** The process is up */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "ok";
            };
          };
        };
      };
    };
  };
  "/readyz": {
    /** The database is reachable, migrated and takes writes (a one-row write probe; after a full disk, also room to grow) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "ready" | "not_ready";
              checks: {
                database: boolean;
                migrations: boolean;
                writes: boolean;
              };
              /** @enum {string} */
              write_failure?: "disk_full" | "read_only" | "insufficient_resources";
            };
          };
        };
        /** @description Default Response */
        503: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "ready" | "not_ready";
              checks: {
                database: boolean;
                migrations: boolean;
                writes: boolean;
              };
              /** @enum {string} */
              write_failure?: "disk_full" | "read_only" | "insufficient_resources";
            };
          };
        };
      };
    };
  };
  "/v1/setup/status": {
    /** Whether the instance still needs its first user */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              needs_setup: boolean;
            };
          };
        };
      };
    };
  };
  "/v1/setup": {
    /** Create the first user (an instance admin) and their account with the one-time setup token */
    post: {
      requestBody: {
        content: {
          "application/json": {
            token: string;
            username: string;
            password: string;
            account_name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              user: {
                id: string;
                username: string;
                is_instance_admin: boolean;
              };
              account: {
                id: string;
                name: string;
              };
              csrf_token: string;
            };
          };
        };
      };
    };
  };
  "/v1/auth/login": {
    /** Sign in; sets the session cookie and returns the CSRF token for later changes */
    post: {
      requestBody: {
        content: {
          "application/json": {
            username: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user: {
                id: string;
                username: string;
                is_instance_admin: boolean;
              };
              csrf_token: string;
            };
          };
        };
      };
    };
  };
  "/v1/auth/logout": {
    /** Sign out: ends this session on the server */
    post: {
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/me": {
    /** The signed-in user, their accounts with role and permissions, the current account and the CSRF token */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user: {
                id: string;
                username: string;
                is_instance_admin: boolean;
              };
              accounts: ({
                  id: string;
                  name: string;
                  role: string;
                  role_name: string;
                  permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
                })[];
              current_account_id: string | null;
              csrf_token: string;
            };
          };
        };
      };
    };
  };
  "/v1/me/password": {
    /** Change the signed-in user's password; ends their other sessions */
    post: {
      requestBody: {
        content: {
          "application/json": {
            current_password: string;
            new_password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/accounts": {
    /** Accounts the signed-in user belongs to */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  name: string;
                  /** @description Built-in role name or custom role id */
                  role: string;
                  role_name: string;
                  permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
                  /** @description ISO 8601 time (UTC) */
                  created_at: string;
                })[];
            };
          };
        };
      };
    };
    /** Create an account; you become its owner */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              name: string;
              /** @description Built-in role name or custom role id */
              role: string;
              role_name: string;
              permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
              /** @description ISO 8601 time (UTC) */
              created_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/accounts/{id}": {
    /** Delete an account and everything in it (owner only); confirm by typing its name */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            confirm_name: string;
          };
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
    /** Rename an account (owner only) */
    patch: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              name: string;
              /** @description Built-in role name or custom role id */
              role: string;
              role_name: string;
              permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
              /** @description ISO 8601 time (UTC) */
              created_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/members": {
    /** Members of the current account */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: {
                  user_id: string;
                  username: string;
                  role: string;
                  role_name: string;
                  /** @description ISO 8601 time (UTC) */
                  joined_at: string;
                }[];
            };
          };
        };
      };
    };
  };
  "/v1/members/{user_id}": {
    /** Remove a member (the last owner cannot be removed) */
    delete: {
      parameters: {
        path: {
          user_id: string;
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
    /** Change a member's role (the last owner cannot be demoted) */
    patch: {
      parameters: {
        path: {
          user_id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description owner, admin, editor, viewer, or a custom role id (rol_…) */
            role: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user_id: string;
              username: string;
              role: string;
              role_name: string;
              /** @description ISO 8601 time (UTC) */
              joined_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/invites": {
    /** Pending invites of the current account */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  role: string;
                  role_name: string;
                  created_by: string | null;
                  /** @description ISO 8601 time (UTC) */
                  created_at: string;
                  /** @description ISO 8601 time (UTC) */
                  expires_at: string;
                })[];
            };
          };
        };
      };
    };
    /** Create a one-time invite link for a role (the link is shown only now) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @description owner, admin, editor, viewer, or a custom role id (rol_…) */
            role: string;
            expires_in_hours?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              role: string;
              role_name: string;
              created_by: string | null;
              /** @description ISO 8601 time (UTC) */
              created_at: string;
              /** @description ISO 8601 time (UTC) */
              expires_at: string;
              invite_url: string;
            };
          };
        };
      };
    };
  };
  "/v1/invites/{id}": {
    /** Revoke a pending invite */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/invites/preview": {
    /** What an invite link offers before accepting it: the account and the role (the token goes in the body, never in a URL) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            token: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              account_name: string;
              role_name: string;
              expires_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/invites/accept": {
    /** Accept an invite: the signed-in user joins, or a new user is created (and signed in) from username and password */
    post: {
      requestBody: {
        content: {
          "application/json": {
            token: string;
            username?: string;
            password?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              account: {
                id: string;
                name: string;
              };
              user: {
                id: string;
                username: string;
                is_instance_admin: boolean;
              };
              role: string;
              /** @description Set when a new user was created and signed in */
              csrf_token: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/roles": {
    /** Built-in and custom roles with their permissions */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  name: string;
                  builtin: boolean;
                  permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
                  created_at: string | null;
                  updated_at: string | null;
                })[];
            };
          };
        };
      };
    };
    /** Create a custom role (only with permissions you hold) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              name: string;
              builtin: boolean;
              permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
              created_at: string | null;
              updated_at: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/roles/{id}": {
    /** Delete a custom role no member has */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
    /** Rename a custom role or change its permissions */
    patch: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            permissions?: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              name: string;
              builtin: boolean;
              permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
              created_at: string | null;
              updated_at: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/api-keys": {
    /** API keys of the current account (never the keys themselves) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  name: string;
                  /** @description The first characters of the key, to recognise it */
                  prefix: string;
                  permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
                  created_by: {
                    id: string;
                    username: string;
                  };
                  /** @description ISO 8601 time (UTC) */
                  created_at: string;
                  expires_at: string | null;
                  last_used_at: string | null;
                })[];
            };
          };
        };
      };
    };
    /** Create an API key with some of your permissions; the key (bf_…) is shown only in this response */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
            /** Format: date-time */
            expires_at?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              name: string;
              /** @description The first characters of the key, to recognise it */
              prefix: string;
              permissions: ("connections:read" | "connections:edit" | "connections:create" | "connections:delete" | "bot-connections:read" | "bot-connections:create" | "bot-connections:delete" | "audit:read" | "members:read" | "members:edit" | "roles:edit" | "api-keys:read" | "api-keys:edit" | "tokens:read" | "chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
              created_by: {
                id: string;
                username: string;
              };
              /** @description ISO 8601 time (UTC) */
              created_at: string;
              expires_at: string | null;
              last_used_at: string | null;
              key: string;
            };
          };
        };
      };
    };
  };
  "/v1/api-keys/{id}": {
    /** Revoke an API key */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/app-credentials": {
    /** App credentials in effect for each platform */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  /** @enum {string} */
                  platform: "twitch" | "youtube" | "kick" | "trovo";
                  /**
                   * @description Which credentials are in effect
                   * @enum {string}
                   */
                  source: "account" | "instance" | "sandbox" | "none";
                  /** @description Last 4 characters of the client id */
                  client_id_hint: string | null;
                  /** @description Register exactly this URL at the platform */
                  redirect_uri: string;
                  created_at: string | null;
                  updated_at: string | null;
                })[];
            };
          };
        };
      };
    };
  };
  "/v1/app-credentials/{platform}": {
    /** App credentials in effect for one platform */
    get: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              platform: "twitch" | "youtube" | "kick" | "trovo";
              /**
               * @description Which credentials are in effect
               * @enum {string}
               */
              source: "account" | "instance" | "sandbox" | "none";
              /** @description Last 4 characters of the client id */
              client_id_hint: string | null;
              /** @description Register exactly this URL at the platform */
              redirect_uri: string;
              created_at: string | null;
              updated_at: string | null;
            };
          };
        };
      };
    };
    /** Save the account's client id and secret for a platform (the secret is encrypted and never returned) */
    put: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            client_id: string;
            client_secret: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              platform: "twitch" | "youtube" | "kick" | "trovo";
              /**
               * @description Which credentials are in effect
               * @enum {string}
               */
              source: "account" | "instance" | "sandbox" | "none";
              /** @description Last 4 characters of the client id */
              client_id_hint: string | null;
              /** @description Register exactly this URL at the platform */
              redirect_uri: string;
              created_at: string | null;
              updated_at: string | null;
            };
          };
        };
      };
    };
    /** Delete the account's credentials for a platform; its channel connection then needs re-authorizing */
    delete: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      responses: {
        /** @description Done; no body */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/app-credentials/{platform}/impact": {
    /** Before saving: which connections a new client id would cut off (the same client id with a new secret keeps them all) */
    post: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            client_id: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              affected: ({
                  integration_id: string;
                  /** @enum {string} */
                  integration_type: "channel" | "bot";
                  display_name: string;
                  bot_identifier: string | null;
                })[];
              /** @description What will need reconnecting, in words; null when nothing breaks */
              summary: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/admin/platforms": {
    /** Platforms and whether each is enabled instance-wide */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  /** @enum {string} */
                  slug: "twitch" | "youtube" | "kick" | "trovo";
                  enabled: boolean;
                  updated_at: string | null;
                })[];
            };
          };
        };
      };
    };
  };
  "/v1/admin/platforms/{slug}": {
    /** Enable or disable a platform for every account (disabled shows as Unavailable) */
    patch: {
      parameters: {
        path: {
          slug: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            enabled: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              slug: "twitch" | "youtube" | "kick" | "trovo";
              enabled: boolean;
              updated_at: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/audit-logs": {
    /** The current account's audit events, newest first. scope=instance (instance admins only) lists sign-ins, setup and platform switches */
    get: {
      parameters: {
        query?: {
          /** @description Exact action, or a prefix ending in * (e.g. auth.*) */
          action?: string;
          /** @description Actor id (usr_…, key_…) or type (system, consumer) */
          actor?: string;
          /** @description ISO 8601 time or epoch milliseconds */
          since?: string;
          /** @description ISO 8601 time or epoch milliseconds */
          until?: string;
          cursor?: string;
          limit?: number;
          scope?: "account" | "instance";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  action: string;
                  actor: {
                    type: string;
                    id: string | null;
                    label: string | null;
                    name: string | null;
                  };
                  target: ({
                    type: string;
                    id: string;
                    name: string | null;
                  }) | null;
                  ip: string | null;
                  details: {
                    [key: string]: unknown;
                  };
                  created_at: string;
                })[];
              next_cursor: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/integrations": {
    /** All integrations, grouped by platform */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                platform_id: number;
                platform_slug: string;
                platform_name: string;
                channel: ({
                  id: string;
                  platform: string;
                  platform_id: number;
                  /** @enum {string} */
                  integration_type: "channel" | "bot";
                  bot_identifier: string | null;
                  is_global: boolean;
                  platform_user_id: string;
                  platform_username: string;
                  display_name: string;
                  scopes: string[];
                  token_expires_at: string;
                  /** @enum {string} */
                  status: "active" | "degraded" | "needs_reauth";
                  status_reason: string | null;
                  has_verified_bot_badge: boolean;
                  is_verified_bot: boolean;
                  is_active: boolean;
                  is_default_bot: boolean;
                  connected_at: string;
                  updated_at: string;
                  last_refreshed_at: string | null;
                  next_refresh_at: string | null;
                  last_refresh_attempt_at: string | null;
                  last_refresh_result: string | null;
                  last_refresh_error: string | null;
                  consecutive_failures: number;
                  last_validated_at: string | null;
                  last_validation_result: string | null;
                }) | null;
                bots: ({
                    id: string;
                    platform: string;
                    platform_id: number;
                    /** @enum {string} */
                    integration_type: "channel" | "bot";
                    bot_identifier: string | null;
                    is_global: boolean;
                    platform_user_id: string;
                    platform_username: string;
                    display_name: string;
                    scopes: string[];
                    token_expires_at: string;
                    /** @enum {string} */
                    status: "active" | "degraded" | "needs_reauth";
                    status_reason: string | null;
                    has_verified_bot_badge: boolean;
                    is_verified_bot: boolean;
                    is_active: boolean;
                    is_default_bot: boolean;
                    connected_at: string;
                    updated_at: string;
                    last_refreshed_at: string | null;
                    next_refresh_at: string | null;
                    last_refresh_attempt_at: string | null;
                    last_refresh_result: string | null;
                    last_refresh_error: string | null;
                    consecutive_failures: number;
                    last_validated_at: string | null;
                    last_validation_result: string | null;
                  })[];
                global_bot: ({
                  id: string;
                  platform: string;
                  platform_id: number;
                  /** @enum {string} */
                  integration_type: "channel" | "bot";
                  bot_identifier: string | null;
                  is_global: boolean;
                  platform_user_id: string;
                  platform_username: string;
                  display_name: string;
                  scopes: string[];
                  token_expires_at: string;
                  /** @enum {string} */
                  status: "active" | "degraded" | "needs_reauth";
                  status_reason: string | null;
                  has_verified_bot_badge: boolean;
                  is_verified_bot: boolean;
                  is_active: boolean;
                  is_default_bot: boolean;
                  connected_at: string;
                  updated_at: string;
                  last_refreshed_at: string | null;
                  next_refresh_at: string | null;
                  last_refresh_attempt_at: string | null;
                  last_refresh_result: string | null;
                  last_refresh_error: string | null;
                  consecutive_failures: number;
                  last_validated_at: string | null;
                  last_validation_result: string | null;
                }) | null;
              })[];
          };
        };
      };
    };
  };
  "/v1/platforms": {
    /** Every platform: name, brand colours, capabilities and default scopes */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                /** @enum {string} */
                slug: "twitch" | "youtube" | "kick" | "trovo";
                platform_id: number;
                name: string;
                /** @description #rrggbb */
                brand_color: string;
                /** @description #rrggbb */
                brand_text_color: string;
                capabilities: {
                  /** @description Bots can carry a verified-bot badge and status: PATCH /v1/integrations/{id}/twitch-status applies */
                  verified_bots: boolean;
                  /**
                   * @description Whether connecting sends a PKCE challenge
                   * @enum {string}
                   */
                  pkce: "S256" | "none";
                  /**
                   * @description Whether a token refresh replaces the refresh token
                   * @enum {string}
                   */
                  refresh_rotates: "never" | "may" | "always";
                  /**
                   * @description Token validation: required hourly, available, or not offered by the platform
                   * @enum {string}
                   */
                  validation: "hourly" | "available" | "none";
                  /** @description Whether the app credentials need a client secret */
                  requires_client_secret: boolean;
                  /** @description How moderation names its target: user_id, or username where the platform moderates by name (Trovo); null where Bifrost cannot moderate on the platform */
                  chat_moderation_target: ("user_id" | "username") | null;
                  /** @description Longest chat message in characters (Unicode code points); null where Bifrost cannot send chat on the platform */
                  chat_max_message_length: number | null;
                };
                channel_scopes: {
                    scope: string;
                    description: string;
                    required: boolean;
                  }[];
                bot_scopes: {
                    scope: string;
                    description: string;
                    required: boolean;
                  }[];
                events: ({
                  source: string;
                  needs_public_url: boolean;
                  reachable: boolean;
                  reason: string | null;
                }) | null;
              })[];
          };
        };
      };
    };
  };
  "/v1/integrations/platforms": {
    /** Available platforms and their card state */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                slug: string;
                platform_id: number;
                name: string;
                is_configured: boolean;
                enabled: boolean;
                /** @enum {string} */
                state: "unavailable" | "not_configured" | "configured" | "connected";
                /** @enum {string} */
                credentials_source: "account" | "instance" | "sandbox" | "none";
                sandbox: boolean;
              })[];
          };
        };
      };
    };
  };
  "/v1/integrations/platform/{slug}": {
    /** A platform's integrations */
    get: {
      parameters: {
        path: {
          slug: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                id: string;
                platform: string;
                platform_id: number;
                /** @enum {string} */
                integration_type: "channel" | "bot";
                bot_identifier: string | null;
                is_global: boolean;
                platform_user_id: string;
                platform_username: string;
                display_name: string;
                scopes: string[];
                token_expires_at: string;
                /** @enum {string} */
                status: "active" | "degraded" | "needs_reauth";
                status_reason: string | null;
                has_verified_bot_badge: boolean;
                is_verified_bot: boolean;
                is_active: boolean;
                is_default_bot: boolean;
                connected_at: string;
                updated_at: string;
                last_refreshed_at: string | null;
                next_refresh_at: string | null;
                last_refresh_attempt_at: string | null;
                last_refresh_result: string | null;
                last_refresh_error: string | null;
                consecutive_failures: number;
                last_validated_at: string | null;
                last_validation_result: string | null;
              })[];
          };
        };
      };
    };
  };
  "/v1/integrations/platform/{slug}/scopes": {
    /** A platform's scopes for channels and bots */
    get: {
      parameters: {
        path: {
          slug: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              platform: string;
              channel_scopes: {
                  scope: string;
                  description: string;
                  required: boolean;
                }[];
              bot_scopes: {
                  scope: string;
                  description: string;
                  required: boolean;
                }[];
            };
          };
        };
      };
    };
  };
  "/v1/integrations/platform/{slug}/connect": {
    /** Start OAuth for a channel or bot (or reconnect one); needs connections:edit for channels, bot-connections:create for bots */
    post: {
      parameters: {
        path: {
          slug: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            integration_type: "channel" | "bot";
            bot_identifier?: string;
            scopes?: string[];
            reconnect?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              authorization_url: string;
              state: string;
            };
          };
        };
      };
    };
  };
  "/v1/integrations/callback/{platform}": {
    /** OAuth callback (the platform redirects here); answers 303 to the dashboard */
    get: {
      parameters: {
        path: {
          platform: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
  };
  "/v1/integrations/{id}": {
    /** One integration (ids start with int_) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              platform: string;
              platform_id: number;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              bot_identifier: string | null;
              is_global: boolean;
              platform_user_id: string;
              platform_username: string;
              display_name: string;
              scopes: string[];
              token_expires_at: string;
              /** @enum {string} */
              status: "active" | "degraded" | "needs_reauth";
              status_reason: string | null;
              has_verified_bot_badge: boolean;
              is_verified_bot: boolean;
              is_active: boolean;
              is_default_bot: boolean;
              connected_at: string;
              updated_at: string;
              last_refreshed_at: string | null;
              next_refresh_at: string | null;
              last_refresh_attempt_at: string | null;
              last_refresh_result: string | null;
              last_refresh_error: string | null;
              consecutive_failures: number;
              last_validated_at: string | null;
              last_validation_result: string | null;
            };
          };
        };
      };
    };
    /** Disconnect: revoke at the platform and delete the tokens */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              success: boolean;
              error: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/integrations/{id}/refresh": {
    /** Refresh an integration's token now */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              platform: string;
              platform_id: number;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              bot_identifier: string | null;
              is_global: boolean;
              platform_user_id: string;
              platform_username: string;
              display_name: string;
              scopes: string[];
              token_expires_at: string;
              /** @enum {string} */
              status: "active" | "degraded" | "needs_reauth";
              status_reason: string | null;
              has_verified_bot_badge: boolean;
              is_verified_bot: boolean;
              is_active: boolean;
              is_default_bot: boolean;
              connected_at: string;
              updated_at: string;
              last_refreshed_at: string | null;
              next_refresh_at: string | null;
              last_refresh_attempt_at: string | null;
              last_refresh_result: string | null;
              last_refresh_error: string | null;
              consecutive_failures: number;
              last_validated_at: string | null;
              last_validation_result: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/integrations/{id}/twitch-status": {
    /** Update the Twitch verified-bot badge and status */
    patch: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            has_verified_bot_badge: boolean;
            is_verified_bot: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              platform: string;
              platform_id: number;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              bot_identifier: string | null;
              is_global: boolean;
              platform_user_id: string;
              platform_username: string;
              display_name: string;
              scopes: string[];
              token_expires_at: string;
              /** @enum {string} */
              status: "active" | "degraded" | "needs_reauth";
              status_reason: string | null;
              has_verified_bot_badge: boolean;
              is_verified_bot: boolean;
              is_active: boolean;
              is_default_bot: boolean;
              connected_at: string;
              updated_at: string;
              last_refreshed_at: string | null;
              next_refresh_at: string | null;
              last_refresh_attempt_at: string | null;
              last_refresh_result: string | null;
              last_refresh_error: string | null;
              consecutive_failures: number;
              last_validated_at: string | null;
              last_validation_result: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/integrations/{id}/default-bot": {
    /** Make a bot the account's default on its platform */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              platform: string;
              platform_id: number;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              bot_identifier: string | null;
              is_global: boolean;
              platform_user_id: string;
              platform_username: string;
              display_name: string;
              scopes: string[];
              token_expires_at: string;
              /** @enum {string} */
              status: "active" | "degraded" | "needs_reauth";
              status_reason: string | null;
              has_verified_bot_badge: boolean;
              is_verified_bot: boolean;
              is_active: boolean;
              is_default_bot: boolean;
              connected_at: string;
              updated_at: string;
              last_refreshed_at: string | null;
              next_refresh_at: string | null;
              last_refresh_attempt_at: string | null;
              last_refresh_result: string | null;
              last_refresh_error: string | null;
              consecutive_failures: number;
              last_validated_at: string | null;
              last_validation_result: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/admin/platforms/{slug}/global-bot/connect": {
    /** Connect (or reconnect) the global bot of a platform */
    post: {
      parameters: {
        path: {
          slug: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            bot_identifier?: string;
            reconnect?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              authorization_url: string;
              state: string;
            };
          };
        };
      };
    };
  };
  "/v1/admin/global-bots": {
    /** The global bots */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                id: string;
                platform: string;
                platform_id: number;
                /** @enum {string} */
                integration_type: "channel" | "bot";
                bot_identifier: string | null;
                is_global: boolean;
                platform_user_id: string;
                platform_username: string;
                display_name: string;
                scopes: string[];
                token_expires_at: string;
                /** @enum {string} */
                status: "active" | "degraded" | "needs_reauth";
                status_reason: string | null;
                has_verified_bot_badge: boolean;
                is_verified_bot: boolean;
                is_active: boolean;
                is_default_bot: boolean;
                connected_at: string;
                updated_at: string;
                last_refreshed_at: string | null;
                next_refresh_at: string | null;
                last_refresh_attempt_at: string | null;
                last_refresh_result: string | null;
                last_refresh_error: string | null;
                consecutive_failures: number;
                last_validated_at: string | null;
                last_validation_result: string | null;
              })[];
          };
        };
      };
    };
  };
  "/v1/admin/global-bots/{id}": {
    /** Disconnect a global bot */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              success: boolean;
              error: string | null;
            };
          };
        };
      };
    };
  };
  "/internal/integrations/{id}/token": {
    /** An access token of the integration, valid for at least tokens.read_margin (never the refresh token) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              access_token: string;
              /** @enum {string} */
              token_type: "bearer";
              expires_at: string;
              scopes: string[];
              platform: string;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              platform_user_id: string;
              platform_username: string;
            };
          };
        };
      };
    };
  };
  "/internal/integrations/{id}/token/invalid": {
    /** Report a 401 seen with this token: one forced refresh however many consumers report it; answers the new token */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              access_token: string;
              /** @enum {string} */
              token_type: "bearer";
              expires_at: string;
              scopes: string[];
              platform: string;
              /** @enum {string} */
              integration_type: "channel" | "bot";
              platform_user_id: string;
              platform_username: string;
            };
          };
        };
      };
    };
  };
  "/internal/platforms/{slug}/bot": {
    /** The bot to post with: the account's default bot, else the instance's global bot (the internal secret names the account with ?account_id=) */
    get: {
      parameters: {
        query?: {
          account_id?: string;
        };
        path: {
          slug: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              integration_id: string;
              platform: string;
              bot_identifier: string | null;
              platform_user_id: string;
              platform_username: string;
              display_name: string;
              is_global: boolean;
              /** @enum {string} */
              status: "active" | "degraded" | "needs_reauth";
              skipped: {
                  integration_id: string;
                  display_name: string;
                  is_global: boolean;
                  /** @enum {string} */
                  reason: "needs_reauth";
                  fix: string;
                }[];
            };
          };
        };
      };
    };
  };
  "/internal/events": {
    /** Server-Sent Events: token.refreshed, token.degraded, token.needs_reauth, token.recovered for integrations this consumer may read */
    get: {
      parameters: {
        header?: {
          "last-event-id"?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
  };
  "/v1/service-keys": {
    /** The account's service keys for token consumers (never the keys themselves) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  name: string;
                  prefix: string;
                  integration_ids: string[] | null;
                  platforms: string[] | null;
                  /** @description Acting permissions the key was granted (chat:send, moderation:manage); empty: token reads only */
                  permissions: string[];
                  created_at: string;
                  last_used_at: string | null;
                })[];
            };
          };
        };
      };
    };
    /** Create a service key (bfs_…) for one consumer, optionally limited to integrations and platforms; the key is shown only in this answer */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            integration_ids?: string[];
            platforms?: ("twitch" | "youtube" | "kick" | "trovo")[];
            /** @description Acting permissions for the chat and moderation routes; you must hold each yourself */
            permissions?: ("chat:send" | "moderation:manage" | "events:read" | "tools:control")[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              name: string;
              prefix: string;
              integration_ids: string[] | null;
              platforms: string[] | null;
              /** @description Acting permissions the key was granted (chat:send, moderation:manage); empty: token reads only */
              permissions: string[];
              created_at: string;
              last_used_at: string | null;
              key: string;
            };
          };
        };
      };
    };
  };
  "/v1/service-keys/{id}": {
    /** Delete a service key; consumers using it are refused from then on */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/webhooks": {
    /** The account's webhooks for token events */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  url: string;
                  events: string[];
                  event_types: string[];
                  created_at: string;
                  last_delivery_at: string | null;
                  last_status: number | null;
                })[];
            };
          };
        };
      };
    };
    /** Register a webhook; deliveries are signed with HMAC-SHA256 (X-Bifrost-Signature) with the secret shown only in this answer */
    post: {
      requestBody: {
        content: {
          "application/json": {
            url: string;
            /** @default [] */
            events?: ("token.refreshed" | "token.degraded" | "token.needs_reauth" | "token.recovered")[];
            /** @default [] */
            event_types?: ("chat.message" | "chat.message_deleted" | "follow" | "subscription" | "subscription.gift" | "cheer" | "raid" | "reward.redemption" | "tip" | "superchat" | "membership" | "stream.online" | "stream.offline" | "moderation.ban" | "obs.scene_changed" | "obs.stream_state" | "obs.record_state" | "obs.input_mute" | "streamerbot.event")[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              url: string;
              events: string[];
              event_types: string[];
              created_at: string;
              last_delivery_at: string | null;
              last_status: number | null;
              secret: string;
            };
          };
        };
      };
    };
  };
  "/v1/webhooks/{id}": {
    /** Delete a webhook and its pending deliveries */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/integrations/{id}/token-server": {
    /** Enable (or rotate) the Companion token-server id of an integration; the id is shown only in this answer */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              token_server_id: string;
              url: string;
            };
          };
        };
      };
    };
    /** Disable the Companion token-server id of an integration */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/token-server": {
    /** Companion token server, as the Companion Twitch API module calls it: the bare access token as text/plain for ?id=<token_server_id>; 404 for a wrong or disabled id */
    get: {
      parameters: {
        query?: {
          id?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
  };
  "/v1/notifications": {
    /** Token incidents and recoveries of the account, newest first */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  kind: string;
                  integration_id: string | null;
                  platform: string | null;
                  reason: string | null;
                  integration_name: string | null;
                  is_global: boolean;
                  created_at: string;
                })[];
            };
          };
        };
      };
    };
  };
  "/v1/tools": {
    /** The account's tools (OBS, Streamer.bot); passwords are never returned */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                id: string;
                /** @enum {string} */
                kind: "obs" | "streamerbot";
                label: string;
                host: string;
                port: number;
                endpoint: string;
                has_password: boolean;
                remote_access: boolean;
                enabled: boolean;
                last_test_at: string | null;
                last_test_ok: boolean | null;
                last_test_message: string | null;
                events: string[];
                /** @enum {string} */
                connection_state: "connected" | "connecting" | "auth_failed" | "unreachable" | "disabled";
                connection_reason: string | null;
                program_version: string | null;
                connection_changed_at: string | null;
                created_at: string;
                updated_at: string;
              })[];
          };
        };
      };
    };
    /** Add a tool. Streamer.bot defaults: 127.0.0.1:8080, endpoint "/". OBS defaults: port 4455, 127.0.0.1 unless remote_access */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            kind: "obs" | "streamerbot";
            label?: string;
            host?: string | null;
            port?: number;
            endpoint?: string;
            password?: string | null;
            remote_access?: boolean;
            enabled?: boolean;
            events?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              /** @enum {string} */
              kind: "obs" | "streamerbot";
              label: string;
              host: string;
              port: number;
              endpoint: string;
              has_password: boolean;
              remote_access: boolean;
              enabled: boolean;
              last_test_at: string | null;
              last_test_ok: boolean | null;
              last_test_message: string | null;
              events: string[];
              /** @enum {string} */
              connection_state: "connected" | "connecting" | "auth_failed" | "unreachable" | "disabled";
              connection_reason: string | null;
              program_version: string | null;
              connection_changed_at: string | null;
              created_at: string;
              updated_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}": {
    /** One tool */
    get: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              /** @enum {string} */
              kind: "obs" | "streamerbot";
              label: string;
              host: string;
              port: number;
              endpoint: string;
              has_password: boolean;
              remote_access: boolean;
              enabled: boolean;
              last_test_at: string | null;
              last_test_ok: boolean | null;
              last_test_message: string | null;
              events: string[];
              /** @enum {string} */
              connection_state: "connected" | "connecting" | "auth_failed" | "unreachable" | "disabled";
              connection_reason: string | null;
              program_version: string | null;
              connection_changed_at: string | null;
              created_at: string;
              updated_at: string;
            };
          };
        };
      };
    };
    /** Remove a tool */
    delete: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Deleted */
        204: {
          content: never;
        };
      };
    };
    /** Edit, enable or disable a tool. Omit password to keep it; send null to remove it */
    patch: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            label?: string;
            host?: string | null;
            port?: number;
            endpoint?: string;
            password?: string | null;
            remote_access?: boolean;
            enabled?: boolean;
            events?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: string;
              /** @enum {string} */
              kind: "obs" | "streamerbot";
              label: string;
              host: string;
              port: number;
              endpoint: string;
              has_password: boolean;
              remote_access: boolean;
              enabled: boolean;
              last_test_at: string | null;
              last_test_ok: boolean | null;
              last_test_message: string | null;
              events: string[];
              /** @enum {string} */
              connection_state: "connected" | "connecting" | "auth_failed" | "unreachable" | "disabled";
              connection_reason: string | null;
              program_version: string | null;
              connection_changed_at: string | null;
              created_at: string;
              updated_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/test": {
    /** Test the connection (at most 5 s): the handshake and the version, or why it failed. Needs connections:edit */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              ok: boolean;
              message: string;
              version?: string;
              /** @enum {string} */
              outcome: "ok" | "refused" | "timeout" | "auth_failed" | "not_protocol" | "host_not_found" | "unreachable" | "not_allowed" | "error";
            };
          };
        };
      };
    };
  };
  "/v1/streamelements/tokens": {
    /** StreamElements tokens: platform, label and a hint ("Token: …xxxx"), never the JWT */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                id: string;
                platform: string;
                label: string | null;
                token_hint: string;
                display_hint: string;
                expires_at: string | null;
                created_at: string;
                /** @enum {string} */
                status: "ok" | "failing";
                status_reason: string | null;
              })[];
          };
        };
      };
    };
    /** Add a StreamElements JWT (checked, stored encrypted) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            platform: "twitch" | "youtube" | "kick" | "trovo";
            token: string;
            label?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              id: string;
              platform: string;
              label: string | null;
              token_hint: string;
              display_hint: string;
              expires_at: string | null;
              created_at: string;
              /** @enum {string} */
              status: "ok" | "failing";
              status_reason: string | null;
            };
          };
        };
      };
    };
  };
  "/v1/streamelements/tokens/{id}": {
    /** Remove a StreamElements token (tip ingestion with it stops at once) */
    delete: {
      parameters: {
        path: {
          /** @description StreamElements token id (se_…) */
          id: string;
        };
      };
      responses: {
        /** @description Deleted */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/chat/{platform}/messages": {
    /** Send a chat message as the bot (default) or the channel, within the platform's limits (429 RATE_LIMITED with Retry-After when full, unless wait_ms lets it wait) */
    post: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            text: string;
            /** @description "bot" (default: the account's default bot, else the global bot), "channel" (the broadcaster's own integration), or a bot identifier */
            sender?: string;
            /** @description Message id to reply to (platforms with replies only) */
            reply_to?: string;
            /** @description Wait up to this long for a free slot of the limit (default 0: answer 429 at once) */
            wait_ms?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              /** @description The platform's id of the message (null where the platform answers none) */
              message_id: string | null;
              platform: string;
              sender: {
                integration_id: string;
                username: string;
                global: boolean;
              };
              sent_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/chat/{platform}/messages/{message_id}": {
    /** Delete one chat message (where the platform can) */
    delete: {
      parameters: {
        query?: {
          /** @description "bot" (default: the account's default bot, else the global bot), "channel" (the broadcaster's own integration), or a bot identifier */
          sender?: string;
        };
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
          /** @description The platform's message id */
          message_id: string;
        };
      };
      responses: {
        /** @description Done */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/moderation/{platform}/bans": {
    /** Ban a user, or time them out with duration_s; answers what was applied (clamped: true when the duration was converted or clamped) */
    post: {
      parameters: {
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            user_id?: string;
            username?: string;
            /** @description Seconds: a timeout (converted and clamped to the platform's unit and range); leave out for a permanent ban */
            duration_s?: number;
            reason?: string;
            /** @description "bot" (default: the account's default bot, else the global bot), "channel" (the broadcaster's own integration), or a bot identifier */
            sender?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              platform: string;
              /** @enum {string} */
              action: "banned" | "timed_out";
              target: {
                user_id: string | null;
                username: string | null;
              };
              requested_duration_s: number | null;
              /** @description Seconds actually applied after unit conversion and clamping */
              applied_duration_s: number | null;
              clamped: boolean;
              sender: {
                integration_id: string;
                username: string;
                global: boolean;
              };
              applied_at: string;
            };
          };
        };
      };
    };
  };
  "/v1/moderation/{platform}/bans/{user}": {
    /** Lift a ban or timeout */
    delete: {
      parameters: {
        query?: {
          /** @description "bot" (default: the account's default bot, else the global bot), "channel" (the broadcaster's own integration), or a bot identifier */
          sender?: string;
        };
        path: {
          platform: "twitch" | "youtube" | "kick" | "trovo";
          /** @description User id, or username where the platform moderates by name (Trovo) */
          user: string;
        };
      };
      responses: {
        /** @description Done */
        204: {
          content: never;
        };
      };
    };
  };
  "/v1/chat/log": {
    /** The account's recent sends (with their text) and moderation actions, newest first */
    get: {
      parameters: {
        query?: {
          platform?: "twitch" | "youtube" | "kick" | "trovo";
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  id: string;
                  platform: string;
                  /** @enum {string} */
                  action: "sent" | "deleted" | "banned" | "timed_out" | "unbanned";
                  sender: {
                    integration_id: string;
                    username: string;
                  };
                  target: string | null;
                  /** @description Our own message (sends only) */
                  text: string | null;
                  message_id: string | null;
                  duration_s: number | null;
                  created_at: string;
                })[];
            };
          };
        };
      };
    };
  };
  "/v1/ingest/kick": {
    /** Kick webhook deliveries (signed by Kick; set the app's webhook URL to <public_url>/v1/ingest/kick) */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {boolean} */
              ok: true;
              stored: number;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/scenes": {
    /** OBS scenes (top first) with their sources and whether each is visible */
    get: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
                name: string;
                current: boolean;
                sources: {
                    name: string;
                    scene_item_id: number;
                    visible: boolean;
                  }[];
              }[];
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/program-scene": {
    /** Switch the OBS program scene */
    put: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            scene: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              scene: string;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/sources/visibility": {
    /** Show or hide a source in an OBS scene */
    put: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            scene: string;
            source: string;
            visible: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              scene: string;
              source: string;
              visible: boolean;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/media": {
    /** Play, pause, restart, stop, next or previous on an OBS media input */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            input: string;
            /** @enum {string} */
            action: "play" | "pause" | "restart" | "stop" | "next" | "previous";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              input: string;
              /** @enum {string} */
              action: "play" | "pause" | "restart" | "stop" | "next" | "previous";
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/stream": {
    /** Start, stop or toggle OBS streaming */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            action: "start" | "stop" | "toggle";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              output: "stream" | "record";
              /** @enum {string} */
              action: "start" | "stop" | "toggle";
              active: boolean | null;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/record": {
    /** Start, stop or toggle OBS recording */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            action: "start" | "stop" | "toggle";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              output: "stream" | "record";
              /** @enum {string} */
              action: "start" | "stop" | "toggle";
              active: boolean | null;
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/obs/status": {
    /** OBS streaming and recording state, the program scene and OBS's own stats */
    get: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              streaming: boolean;
              recording: boolean;
              current_scene: string | null;
              stats: {
                [key: string]: unknown;
              };
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/streamerbot/actions": {
    /** Streamer.bot's actions: id, name, group, enabled */
    get: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
                id: string;
                name: string;
                group: string;
                enabled: boolean;
              }[];
          };
        };
      };
    };
  };
  "/v1/tools/{id}/streamerbot/actions/run": {
    /** Run a Streamer.bot action by id or name, with optional arguments (audited without their values) */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            id?: string;
            name?: string;
            args?: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              action: {
                id: string;
                name: string;
                group: string;
                enabled: boolean;
              };
            };
          };
        };
      };
    };
  };
  "/v1/tools/{id}/request": {
    /** A request the typed routes do not cover: OBS {request_type, request_data}, Streamer.bot {request, …}; answers the tool's own response data */
    post: {
      parameters: {
        path: {
          /** @description Tool id (tool_…) */
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description OBS: the obs-websocket request type, e.g. GetSceneList */
            request_type?: string;
            /** @description OBS: the request fields */
            request_data?: {
              [key: string]: unknown;
            };
            /** @description Streamer.bot: the request name, e.g. GetBroadcaster; other fields are sent with it */
            request?: string;
            [key: string]: unknown;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": unknown;
          };
        };
      };
    };
  };
  "/v1/events": {
    /** Server-Sent Events of the account’s live events: `id:` the seq, `event:` the type, `data:` the envelope. Resumes with Last-Event-ID or ?after */
    get: {
      parameters: {
        query?: {
          /** @description Resume after this seq (wins over Last-Event-ID) */
          after?: string;
          /** @description Comma list of event types */
          types?: string;
          /** @description Comma list of platform slugs */
          platforms?: string;
        };
        header?: {
          "last-event-id"?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
  };
  "/v1/events/history": {
    /** The account’s retained events after a seq, oldest first; pass next_after as after for the next page */
    get: {
      parameters: {
        query?: {
          after?: number;
          limit?: number;
          /** @description Comma list of event types */
          types?: string;
          /** @description Comma list of platform slugs */
          platforms?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: (({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "chat.message";
                  data: {
                    message_id: string;
                    text: string;
                    reply_to: string | null;
                    roles: ("broadcaster" | "moderator" | "subscriber" | "vip" | "member")[];
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "chat.message_deleted";
                  data: {
                    message_id: string;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "follow";
                  data: Record<string, never>;
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "subscription";
                  data: {
                    tier: string | null;
                    months: number | null;
                    message: string | null;
                    is_gift: boolean;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "subscription.gift";
                  data: {
                    tier: string | null;
                    count: number;
                    anonymous: boolean;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "cheer";
                  data: {
                    bits: number;
                    message: string | null;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "raid";
                  data: {
                    viewers: number;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "reward.redemption";
                  data: {
                    reward_id: string;
                    title: string;
                    cost: number;
                    input: string | null;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "tip";
                  data: {
                    amount: number;
                    currency: string;
                    message: string | null;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "superchat";
                  data: {
                    amount: number;
                    currency: string;
                    message: string | null;
                    sticker: boolean;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "membership";
                  data: {
                    level: string | null;
                    months: number | null;
                    is_gift: boolean;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "stream.online";
                  data: {
                    title: string | null;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "stream.offline";
                  data: Record<string, never>;
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "moderation.ban";
                  data: {
                    user_id: string | null;
                    username: string;
                    duration_s: number | null;
                    reason: string | null;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "obs.scene_changed";
                  data: {
                    tool_id: string;
                    scene: string;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "obs.stream_state";
                  data: {
                    tool_id: string;
                    active: boolean;
                    state: string;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "obs.record_state";
                  data: {
                    tool_id: string;
                    active: boolean;
                    state: string;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "obs.input_mute";
                  data: {
                    tool_id: string;
                    input: string;
                    muted: boolean;
                  };
                }) | ({
                  /** @description evt_… */
                  id: string;
                  /** @description Monotonic per account: resume with ?after=<seq> or Last-Event-ID */
                  seq: number;
                  account_id: string;
                  platform: string;
                  integration_id: string | null;
                  /** @description The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements … */
                  source: string;
                  occurred_at: string;
                  received_at: string;
                  actor: ({
                    id: string | null;
                    username: string;
                    display_name: string | null;
                  }) | null;
                  /** @enum {string} */
                  type: "streamerbot.event";
                  data: {
                    tool_id: string;
                    event_source: string;
                    event_type: string;
                    payload: {
                      [key: string]: unknown;
                    };
                  };
                }))[];
              next_after: number | null;
              /** @description The account’s newest seq when read: pass it as after to a live stream to miss nothing from now on */
              head: number;
            };
          };
        };
      };
    };
  };
  "/v1/events/connections": {
    /** Each live connection of the account (channel integrations, StreamElements tokens) and its state */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  key: string;
                  /** @enum {string} */
                  kind: "integration" | "streamelements";
                  integration_id: string | null;
                  streamelements_token_id: string | null;
                  platform: string;
                  /** @enum {string} */
                  state: "connected" | "connecting" | "error" | "off";
                  reason: string | null;
                  updated_at: string | null;
                })[];
            };
          };
        };
      };
    };
  };
  "/graphql": {
    /** GraphQL: POST {query, variables, operationName} (or an array of them); GET runs queries only */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
    /** GraphQL: POST {query, variables, operationName} (or an array of them); GET runs queries only */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: never;
        };
      };
    };
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export type operations = Record<string, never>;
