import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallRole, ParticipantMetadata } from '../../src/protocol/index.js';
import { mintCallToken, newIdentity } from '../../src/server/call/call-tokens.js';
import { livekitApiUrl } from '../../src/server/call/livekit-rooms.js';
import { testLivekit, verifyToken } from './helpers.js';

const ADMIN_GRANTS = [
  'roomAdmin',
  'roomCreate',
  'roomList',
  'roomRecord',
  'ingressAdmin',
  'canUpdateOwnMetadata',
  'hidden',
  'recorder',
] as const;

describe('token policy (mintCallToken)', () => {
  const cases: { role: CallRole; prefix: string; ttlSeconds: number }[] = [
    { role: 'citizen', prefix: 'c-', ttlSeconds: 600 },
    { role: 'employee', prefix: 'e-', ttlSeconds: 600 },
    { role: 'interpreter', prefix: 'i-', ttlSeconds: 120 },
  ];

  for (const { role, prefix, ttlSeconds } of cases) {
    it(`gives the ${role} a short join token for one room and no admin rights`, async () => {
      const identity = newIdentity(role);
      assert.match(identity, new RegExp(`^${prefix}[0-9a-f]{24}$`));
      const grant = await mintCallToken({
        room: 'balie-room-1',
        identity,
        role,
        ttlSeconds,
        livekit: testLivekit,
      });
      assert.deepEqual(
        { ...grant, token: undefined },
        {
          url: testLivekit.url,
          token: undefined,
          identity,
          role,
          expiresIn: ttlSeconds,
        },
      );

      const claims = await verifyToken(grant.token);
      assert.equal(claims.sub, identity);
      assert.equal(claims.exp! - claims.nbf!, ttlSeconds);
      const metadata: ParticipantMetadata = { role };
      assert.deepEqual(JSON.parse(claims.metadata!), metadata);
      const video = claims.video!;
      assert.equal(video.room, 'balie-room-1');
      assert.equal(video.roomJoin, true);
      assert.equal(video.canSubscribe, true);
      assert.equal(video.canPublish, true);
      assert.equal(video.canPublishData, true);
      assert.deepEqual(video.canPublishSources, [
        'camera',
        'microphone',
        'screen_share',
        'screen_share_audio',
      ]);
      for (const grantName of ADMIN_GRANTS)
        assert.ok(!video[grantName], `${role} must not have ${grantName}`);
    });
  }

  it('never hands out the same identity twice', () => {
    const identities = new Set(Array.from({ length: 1000 }, () => newIdentity('citizen')));
    assert.equal(identities.size, 1000);
  });
});

describe('livekitApiUrl', () => {
  const cases = [
    ['ws://127.0.0.1:7880', 'http://127.0.0.1:7880'],
    ['wss://livekit.example.nl', 'https://livekit.example.nl'],
    ['wss://livekit.example.nl/rtc?x=1', 'https://livekit.example.nl'],
  ] as const;
  for (const [signalling, api] of cases) {
    it(`derives ${api} from ${signalling}`, () => assert.equal(livekitApiUrl(signalling), api));
  }
});
