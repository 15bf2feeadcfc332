/** The signed-in user, accounts, members and invites, roles, API keys, app credentials and instance platforms: the operations of src/accounts/routes/*. */
import { z } from 'zod';
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { optional, parseArg } from './inputs.ts';
import { createAccount, deleteAccount, listAccounts, renameAccount, whoAmI } from '../accounts/accounts.ts';
import { changePassword } from '../accounts/login.ts';
import { changeMemberRole, listMembers, removeMember } from '../accounts/members.ts';
import { createInvite, INVITE_MAX_HOURS, listInvites, previewInvite, revokeInvite } from '../accounts/invites.ts';
import { createRole, deleteRole, listRoles, updateRole } from '../accounts/roles.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../accounts/api-keys.ts';
import { credentialsImpact, credentialView, deleteCredentials, listCredentialViews, saveCredentials } from '../accounts/app-credentials.ts';
import { listPlatformSettings, setPlatformEnabled } from '../accounts/platform-settings.ts';
import { accountNameSchema, idParam, passwordInput, permissionSchema, platformSchema, roleInput } from '../accounts/schemas.ts';

/** The fields of Invite, shared with CreatedInvite (which adds what is shown only once). */
const INVITE_FIELDS = /* GraphQL */ `
    id: ID!
    role: String!
    roleName: String!
    createdBy: ID
    createdAt: DateTime!
    expiresAt: DateTime!
`;

/** The fields of ApiKey, shared with CreatedApiKey (which adds what is shown only once). */
const API_KEY_FIELDS = /* GraphQL */ `
    id: ID!
    name: String!
    "The first characters of the key, to recognise it."
    prefix: String!
    permissions: [String!]!
    createdBy: UserRef!
    createdAt: DateTime!
    expiresAt: DateTime
    lastUsedAt: DateTime
`;

const typeDefs = /* GraphQL */ `
  type User {
    id: ID!
    username: String!
    isInstanceAdmin: Boolean!
  }

  type UserRef {
    id: ID!
    username: String!
  }

  "An account the user belongs to, with their role and its permissions there."
  type Account {
    id: ID!
    name: String!
    role: String!
    roleName: String!
    permissions: [String!]!
    createdAt: DateTime!
  }

  type Me {
    user: User!
    accounts: [Account!]!
    currentAccountId: ID
    "Send it as X-CSRF-Token with every POST made with the session cookie."
    csrfToken: String!
  }

  type Member {
    userId: ID!
    username: String!
    role: String!
    roleName: String!
    joinedAt: DateTime!
  }

  type Invite {
${INVITE_FIELDS}  }

  "A new invite; inviteUrl is shown only now."
  type CreatedInvite {
${INVITE_FIELDS}    inviteUrl: String!
  }

  type Role {
    id: ID!
    name: String!
    builtin: Boolean!
    permissions: [String!]!
    createdAt: DateTime
    updatedAt: DateTime
  }

  type ApiKey {
${API_KEY_FIELDS}  }

  "A new API key; key (bf_…) is shown only now."
  type CreatedApiKey {
${API_KEY_FIELDS}    key: String!
  }

  "The app credentials in effect for a platform; the secret is write-only."
  type AppCredential {
    platform: String!
    source: CredentialsSource!
    clientIdHint: String
    "Register exactly this URL at the platform."
    redirectUri: String!
    createdAt: DateTime
    updatedAt: DateTime
  }

  "What an invite link offers before it is accepted (like POST /v1/invites/preview)."
  type InvitePreview {
    accountName: String!
    roleName: String!
    expiresAt: DateTime!
  }

  "A connection that new app credentials would cut off."
  type CredentialsImpactItem {
    integrationId: ID!
    integrationType: IntegrationType!
    displayName: String!
    botIdentifier: String
  }

  "Before saving app credentials: what a new client id would cut off (the same client id with a new secret keeps everything)."
  type CredentialsImpact {
    affected: [CredentialsImpactItem!]!
    "What will need reconnecting, in words; null when nothing breaks."
    summary: String
  }

  type PlatformSetting {
    slug: String!
    enabled: Boolean!
    updatedAt: DateTime
  }

  input RoleInput {
    name: String
    permissions: [String!]
  }

  input CreateApiKeyInput {
    name: String!
    permissions: [String!]!
    expiresAt: DateTime
  }

  extend type Query {
    "Signed-in sessions only (like GET /v1/me)."
    me: Me
    accounts: [Account!]!
    members: [Member!]!
    invites: [Invite!]!
    roles: [Role!]!
    apiKeys: [ApiKey!]!
    appCredentials: [AppCredential!]!
    appCredential(platform: String!): AppCredential
    "Which connections saving this client id would cut off (like POST /v1/app-credentials/{platform}/impact)."
    appCredentialsImpact(platform: String!, clientId: String!): CredentialsImpact!
    "The account and role an invite token offers. /graphql needs a signed-in caller or API key; anonymous visitors use POST /v1/invites/preview."
    invitePreview(token: String!): InvitePreview!
    "Instance administrators: platforms and whether each is enabled."
    adminPlatforms: [PlatformSetting!]!
  }

  extend type Mutation {
    createAccount(name: String!): Account
    renameAccount(id: ID!, name: String!): Account
    deleteAccount(id: ID!, confirmName: String!): Boolean
    changePassword(currentPassword: String!, newPassword: String!): Boolean
    changeMemberRole(userId: ID!, role: String!): Member
    removeMember(userId: ID!): Boolean
    createInvite(role: String!, expiresInHours: Int): CreatedInvite
    revokeInvite(id: ID!): Boolean
    createRole(input: RoleInput!): Role
    updateRole(id: ID!, input: RoleInput!): Role
    deleteRole(id: ID!): Boolean
    createApiKey(input: CreateApiKeyInput!): CreatedApiKey
    revokeApiKey(id: ID!): Boolean
    saveAppCredentials(platform: String!, clientId: String!, clientSecret: String!): AppCredential
    deleteAppCredentials(platform: String!): Boolean
    setPlatformEnabled(platform: String!, enabled: Boolean!): PlatformSetting
  }
`;

// As src/accounts/routes/role-routes.ts and api-key-routes.ts declare them (those schemas are not exported).
const roleName = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');
const permissions = z.array(permissionSchema).max(50);
const keyName = z.string().trim().min(1, 'must not be empty').max(100);
const keyPermissions = z.array(permissionSchema).min(1, 'give the key at least one permission').max(50);
const confirmName = z.string().min(1).max(200);
const inviteHours = z.number().int().min(1).max(INVITE_MAX_HOURS);
const inviteToken = z.string().min(1, 'must not be empty').max(200);
const credentials = { clientId: z.string().trim().min(1, 'must not be empty').max(256), clientSecret: z.string().min(1, 'must not be empty').max(1024) };

const id = (value: string, field = 'id'): string => parseArg(idParam, value, field);
const session = { session: true } as const;

export const accountsModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      me: guarded(session, (_, ctx) => whoAmI(ctx.rt, ctx.caller)),
      accounts: guarded(session, (_, ctx) => listAccounts(ctx.rt, ctx.caller)),
      members: guarded({ permission: 'members:read' }, (_, ctx) => listMembers(ctx.rt, ctx.caller)),
      invites: guarded({ permission: 'members:read' }, (_, ctx) => listInvites(ctx.rt, ctx.caller)),
      roles: guarded({ permission: 'members:read' }, (_, ctx) => listRoles(ctx.rt, ctx.caller)),
      apiKeys: guarded({ permission: 'api-keys:read' }, (_, ctx) => listApiKeys(ctx.rt, ctx.caller)),
      appCredentials: guarded({ permission: 'connections:edit' }, (_, ctx) => listCredentialViews(ctx.rt, ctx.caller)),
      appCredential: guarded({ permission: 'connections:edit' }, (args: { platform: string }, ctx) =>
        credentialView(ctx.rt, ctx.caller, parseArg(platformSchema, args.platform, 'platform')),
      ),
      appCredentialsImpact: guarded({ permission: 'connections:edit' }, (args: { platform: string; clientId: string }, ctx) =>
        credentialsImpact(ctx.rt, ctx.caller, parseArg(platformSchema, args.platform, 'platform'), parseArg(credentials.clientId, args.clientId, 'clientId')),
      ),
      // REST answers this publicly (the invite page before sign-in); /graphql itself needs a caller.
      invitePreview: guarded({ authenticated: true }, (args: { token: string }, ctx) => previewInvite(ctx.rt, parseArg(inviteToken, args.token, 'token'))),
      adminPlatforms: guarded({ instanceAdmin: true }, (_, ctx) => listPlatformSettings(ctx.rt)),
    },
    Mutation: {
      createAccount: guarded(session, (args: { name: string }, ctx) =>
        createAccount(ctx.rt, ctx.caller, parseArg(accountNameSchema, args.name, 'name')),
      ),
      renameAccount: guarded(session, (args: { id: string; name: string }, ctx) =>
        renameAccount(ctx.rt, ctx.caller, id(args.id), parseArg(accountNameSchema, args.name, 'name')),
      ),
      deleteAccount: guarded(session, async (args: { id: string; confirmName: string }, ctx) => {
        await deleteAccount(ctx.rt, ctx.caller, id(args.id), parseArg(confirmName, args.confirmName, 'confirmName'));
        return true;
      }),
      changePassword: guarded(session, async (args: { currentPassword: string; newPassword: string }, ctx) => {
        await changePassword(ctx.rt, ctx.caller, {
          currentPassword: parseArg(passwordInput, args.currentPassword, 'currentPassword'),
          newPassword: parseArg(passwordInput, args.newPassword, 'newPassword'),
        });
        return true;
      }),
      changeMemberRole: guarded({ permission: 'members:edit' }, (args: { userId: string; role: string }, ctx) =>
        changeMemberRole(ctx.rt, ctx.caller, id(args.userId, 'userId'), parseArg(roleInput, args.role, 'role')),
      ),
      removeMember: guarded({ permission: 'members:edit' }, async (args: { userId: string }, ctx) => {
        await removeMember(ctx.rt, ctx.caller, id(args.userId, 'userId'));
        return true;
      }),
      createInvite: guarded({ permission: 'members:edit' }, (args: { role: string; expiresInHours?: number | null }, ctx) => {
        const hours = optional(args.expiresInHours);
        return createInvite(ctx.rt, ctx.caller, {
          role: parseArg(roleInput, args.role, 'role'),
          expiresInHours: hours === undefined ? undefined : parseArg(inviteHours, hours, 'expiresInHours'),
        });
      }),
      revokeInvite: guarded({ permission: 'members:edit' }, async (args: { id: string }, ctx) => {
        await revokeInvite(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      createRole: guarded({ permission: 'roles:edit' }, (args: { input: { name?: string | null; permissions?: string[] | null } }, ctx) =>
        createRole(ctx.rt, ctx.caller, {
          name: parseArg(roleName, args.input.name, 'input.name'),
          permissions: parseArg(permissions, args.input.permissions, 'input.permissions'),
        }),
      ),
      updateRole: guarded({ permission: 'roles:edit' }, (args: { id: string; input: { name?: string | null; permissions?: string[] | null } }, ctx) => {
        const name = optional(args.input.name);
        const perms = optional(args.input.permissions);
        return updateRole(ctx.rt, ctx.caller, id(args.id), {
          name: name === undefined ? undefined : parseArg(roleName, name, 'input.name'),
          permissions: perms === undefined ? undefined : parseArg(permissions, perms, 'input.permissions'),
        });
      }),
      deleteRole: guarded({ permission: 'roles:edit' }, async (args: { id: string }, ctx) => {
        await deleteRole(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      createApiKey: guarded({ permission: 'api-keys:edit' }, (args: { input: { name: string; permissions: string[]; expiresAt?: string | null } }, ctx) => {
        const expiresAt = optional(args.input.expiresAt);
        return createApiKey(ctx.rt, ctx.caller, {
          name: parseArg(keyName, args.input.name, 'input.name'),
          permissions: parseArg(keyPermissions, args.input.permissions, 'input.permissions'),
          expiresAt: expiresAt === undefined ? undefined : Date.parse(expiresAt),
        });
      }),
      revokeApiKey: guarded({ permission: 'api-keys:edit' }, async (args: { id: string }, ctx) => {
        await revokeApiKey(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      saveAppCredentials: guarded({ permission: 'connections:edit' }, (args: { platform: string; clientId: string; clientSecret: string }, ctx) =>
        saveCredentials(ctx.rt, ctx.caller, parseArg(platformSchema, args.platform, 'platform'), {
          clientId: parseArg(credentials.clientId, args.clientId, 'clientId'),
          clientSecret: parseArg(credentials.clientSecret, args.clientSecret, 'clientSecret'),
        }),
      ),
      deleteAppCredentials: guarded({ permission: 'connections:edit' }, async (args: { platform: string }, ctx) => {
        await deleteCredentials(ctx.rt, ctx.caller, parseArg(platformSchema, args.platform, 'platform'));
        return true;
      }),
      setPlatformEnabled: guarded({ instanceAdmin: true }, (args: { platform: string; enabled: boolean }, ctx) =>
        setPlatformEnabled(ctx.rt, ctx.caller, parseArg(platformSchema, args.platform, 'platform'), args.enabled),
      ),
    },
  },
};
