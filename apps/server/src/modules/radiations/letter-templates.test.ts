import { beforeAll, describe, expect, it } from 'vitest';
import type { LetterTemplateAnswer } from '@affilia/shared/schemas/radiations';
import {
  auditActions,
  browser,
  errorOf,
  signInAs,
  useTestApp,
  type Browser,
} from '../../../test/helper';
import { createStaffUser } from '../../../test/factories';
import { extractPdfText } from '../../../test/pdf-text';

const t = useTestApp();
let admin: Browser;
let manager: Browser;
let adminId: string;
const URL = '/api/backoffice/letter-templates/radiation_notice';

beforeAll(async () => {
  const adminUser = await createStaffUser(t.ctx.db, 'admin');
  adminId = adminUser.id;
  admin = browser(t.app, { ip: '198.51.100.1' });
  await signInAs(admin, t.ctx, adminUser, 'backoffice');
  manager = browser(t.app, { ip: '198.51.100.2' });
  await signInAs(manager, t.ctx, await createStaffUser(t.ctx.db, 'manager'), 'backoffice');
});

describe('letter templates (/api/backoffice/letter-templates)', () => {
  it('gives the built-in notice with its placeholders until the insurer writes one', async () => {
    const res = await admin.get(URL);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<LetterTemplateAnswer>();
    expect(body).toMatchObject({ kind: 'radiation_notice', isDefault: true, updatedAt: null });
    expect(body.body).toContain('{{portabilite}}');
    expect(body.placeholders.map((p) => p.name)).toEqual(
      expect.arrayContaining(['prenom', 'nom', 'entreprise', 'portabilite', 'evin']),
    );
  });

  it('saves the insurer’s text, with an audit line', async () => {
    const text = {
      subject: 'Votre départ de {{entreprise}}',
      body: 'Bonjour {{prenom}} {{nom}},\n\n{{portabilite}}\n\n{{evin}}',
    };
    const res = await admin.put(URL, text);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LetterTemplateAnswer>()).toMatchObject({
      ...text,
      isDefault: false,
      updatedAt: t.clock.now().toISOString(),
    });
    expect((await admin.get(URL)).json<LetterTemplateAnswer>()).toMatchObject(text);
    expect(await auditActions(t.ctx, { actor: adminId })).toContain(
      'content.letter_template_updated',
    );
  });

  it('goes back to the built-in text (« Revenir au texte par défaut »), idempotent', async () => {
    await admin.put(URL, { subject: 'Objet {{nom}}', body: 'Bonjour {{prenom}},' });
    const res = await admin.delete(URL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LetterTemplateAnswer>()).toMatchObject({ isDefault: true, updatedAt: null });
    expect(res.json<LetterTemplateAnswer>().body).toContain('{{portabilite}}');
    expect((await admin.delete(URL)).statusCode).toBe(200);
    expect((await manager.delete(URL)).statusCode).toBe(403);
  });

  it('refuses an unknown placeholder, naming it', async () => {
    const res = await admin.put(URL, { subject: 'Objet', body: 'Bonjour {{prénom}},' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'letter_template_unknown_placeholder',
      message: 'Le champ {{prénom}} n’existe pas : utilisez les champs de la liste.',
      fields: { body: 'Le champ {{prénom}} n’existe pas' },
    });
  });

  it('previews a text as the PDF of a sample person', async () => {
    const res = await admin.post(`${URL}/preview`, {
      subject: 'Aperçu {{entreprise}}',
      body: 'Bonjour {{prenom}} {{nom}},\n\n{{portabilite}}',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await extractPdfText(res.rawPayload)).join(' ');
    expect(text).toContain('Bonjour Łukasz Ștefan Nguyễn-Wójcik,');
    expect(text).toContain('du 04/08/2026 au 03/04/2027 (8 mois)');
  });

  it('is for administrators only', async () => {
    expect((await manager.get(URL)).statusCode).toBe(403);
    expect((await manager.put(URL, { subject: 'x', body: 'y' })).statusCode).toBe(403);
  });
});
