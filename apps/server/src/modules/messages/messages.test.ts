import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationSummary } from '@affilia/shared/schemas/messages';
import {
  auditActions,
  browser,
  buildTestApp,
  lastMessageTo,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import { createCompany, createEmployerUser } from '../../../test/factories';
import type { ApiErrorBody } from '../../lib/errors';
import { SMALL_PNG, smallPdf } from '../enrolment/test-support';
import { sendMessageForm, smallDocx } from './test-support';

const apiError = (res: { json: <T>() => T }) => res.json<ApiErrorBody>().error;

describe('« Nous contacter » and the messages (/api/conversations)', () => {
  let t: TestApp;
  let alpha: Browser;
  let beta: Browser;
  let companyId: string;
  let otherCompanyId: string;
  let pdf: Buffer;

  const fields = (over: Record<string, string> = {}) => ({
    category: 'contract',
    subject: 'contributions_information',
    companyId,
    text: 'Bonjour, pouvez-vous nous envoyer l’échéancier ?',
    ...over,
  });

  /** Rows of the messages' tables and files on disk: a refused message must leave none behind. */
  const written = async () => {
    const count = async (table: 'conversations' | 'messages' | 'stored_files') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let files = 0;
    for await (const _key of t.ctx.storage.keys()) files += 1;
    return {
      conversations: await count('conversations'),
      messages: await count('messages'),
      storedFiles: await count('stored_files'),
      files,
    };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Alpha Immobilier' });
    const other = await createCompany(db, { name: 'Bêta Gestion' });
    companyId = company.id;
    otherCompanyId = other.id;
    const admin = await createEmployerUser(db, [{ company, role: 'user' }]);
    const outsider = await createEmployerUser(db, [{ company: other, role: 'admin' }]);
    alpha = browser(t.app, { ip: '203.0.113.21' });
    beta = browser(t.app, { ip: '203.0.113.22' });
    await signInAs(alpha, t.ctx, admin);
    await signInAs(beta, t.ctx, outsider);
    pdf = await smallPdf();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a conversation with attachments, emails the insurer team, lists it', async () => {
    const res = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'echeancier.pdf', bytes: pdf },
      { name: 'photo.png', bytes: SMALL_PNG, type: 'image/png' },
      { name: 'liste.csv', bytes: Buffer.from('Nom;Prénom\r\nDurand;Léa\r\n'), type: 'text/csv' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<ConversationSummary>();
    expect(created).toMatchObject({ status: 'sent', unread: 0, companyId });

    const mail = await lastMessageTo(t.ctx, t.config.mail.insurerTeamEmail, 'email');
    expect(mail?.template).toBe('new_message_to_insurer');
    expect(mail?.subject).toContain('Alpha Immobilier');
    expect(mail?.body_text).toContain(`/back-office/messages?conversation=${created.id}`);

    expect(await auditActions(t.ctx, { target: created.id })).toContain('conversation.created');

    const list = await alpha.get('/api/conversations');
    expect(list.json<{ items: ConversationSummary[] }>().items.map((c) => c.id)).toContain(
      created.id,
    );
    const detail = (await alpha.get(`/api/conversations/${created.id}`)).json<ConversationDetail>();
    expect(detail.messages).toHaveLength(1);
    const attachments = detail.messages[0]!.attachments;
    // In the order attached.
    expect(attachments.map((a) => a.fileName)).toEqual([
      'echeancier.pdf',
      'photo.png',
      'liste.csv',
    ]);
    expect(attachments.map((a) => a.mimeType).sort()).toEqual([
      'application/pdf',
      'image/png',
      'text/csv',
    ]);

    const pdfFile = attachments.find((a) => a.mimeType === 'application/pdf')!;
    const download = await alpha.get(`/api/conversations/${created.id}/attachments/${pdfFile.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Another company's user: nothing listed, the conversation and its files unreachable.
    const theirs = await beta.get('/api/conversations');
    expect(theirs.json<{ items: ConversationSummary[] }>().items).toEqual([]);
    expect((await beta.get(`/api/conversations/${created.id}`)).statusCode).toBe(404);
    expect(
      (await beta.get(`/api/conversations/${created.id}/attachments/${attachments[0]!.id}`))
        .statusCode,
    ).toBe(404);
    const followUp = await sendMessageForm(beta, `/api/conversations/${created.id}/messages`, {
      text: 'Intrusion',
    });
    expect(followUp.statusCode).toBe(404);
  });

  it('refuses a conversation for another company and an attachment through another conversation', async () => {
    const res = await sendMessageForm(
      alpha,
      '/api/conversations',
      fields({ companyId: otherCompanyId }),
    );
    expect(res.statusCode).toBe(404);

    const mine = (
      await sendMessageForm(alpha, '/api/conversations', fields(), [{ name: 'a.pdf', bytes: pdf }])
    ).json<ConversationSummary>();
    const file = (await alpha.get(`/api/conversations/${mine.id}`)).json<ConversationDetail>()
      .messages[0]!.attachments[0]!;
    const theirs = (
      await sendMessageForm(beta, '/api/conversations', fields({ companyId: otherCompanyId }))
    ).json<ConversationSummary>();
    // Beta's conversation id with Alpha's file id: 404.
    expect(
      (await beta.get(`/api/conversations/${theirs.id}/attachments/${file.id}`)).statusCode,
    ).toBe(404);
  });

  it('validates the fields in French (subject of the category, text length)', async () => {
    const wrongSubject = await sendMessageForm(
      alpha,
      '/api/conversations',
      fields({ subject: 'employee_affiliation' }),
    );
    expect(wrongSubject.statusCode).toBe(400);
    expect(apiError(wrongSubject).fields?.subject).toMatch(/Gérer mon contrat/);
    const tooLong = await sendMessageForm(
      alpha,
      '/api/conversations',
      fields({ text: 'x'.repeat(5001) }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(apiError(tooLong).fields?.text).toMatch(/5000 caractères/);
  });

  it('limits the attachments: a 5th file, 3 MB + 1 byte, a disguised type', async () => {
    const before = await written();
    const five = await sendMessageForm(
      alpha,
      '/api/conversations',
      fields(),
      Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdf })),
    );
    expect(five.statusCode).toBe(400);
    expect(apiError(five).code).toBe('attachment_too_many_files');

    const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    expect(big.length).toBe(3 * 1024 * 1024 + 1);
    const tooBig = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'gros.pdf', bytes: big },
    ]);
    expect(tooBig.statusCode).toBe(413);
    expect(apiError(tooBig).code).toBe('attachment_too_large');
    const justRight = big.subarray(0, 3 * 1024 * 1024);
    const ok = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'limite.pdf', bytes: justRight },
    ]);
    expect(ok.statusCode).toBe(201);

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(64)]);
    const disguised = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'rib.pdf', bytes: exe, type: 'application/pdf' },
    ]);
    expect(disguised.statusCode).toBe(415);
    expect(apiError(disguised).code).toBe('attachment_type_refused');
    const html = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'page.csv', bytes: Buffer.from('<script>\x00</script>'), type: 'text/csv' },
    ]);
    expect(html.statusCode).toBe(415);

    // Only the 3 MB message was written: one conversation, one message, one file.
    const afterNew = await written();
    expect(afterNew).toEqual({
      conversations: before.conversations + 1,
      messages: before.messages + 1,
      storedFiles: before.storedFiles + 1,
      files: before.files + 1,
    });

    // The same limits on a follow-up: refused, nothing written.
    const conversationId = ok.json<ConversationSummary>().id;
    const followUp = (files: { name: string; bytes: Buffer; type?: string }[]) =>
      sendMessageForm(
        alpha,
        `/api/conversations/${conversationId}/messages`,
        { text: 'Suite' },
        files,
      );
    const refused = [
      await followUp(
        Array.from({ length: 5 }, (_, i) => ({
          name: `f${i}.png`,
          bytes: SMALL_PNG,
          type: 'image/png',
        })),
      ),
      await followUp([
        { name: 'ok.pdf', bytes: pdf },
        { name: 'gros.pdf', bytes: big },
      ]),
      await followUp([
        { name: 'ok.pdf', bytes: pdf },
        { name: 'setup.pdf', bytes: exe },
      ]),
    ];
    expect(refused.map((r) => apiError(r).code)).toEqual([
      'attachment_too_many_files',
      'attachment_too_large',
      'attachment_type_refused',
    ]);
    expect(await written()).toEqual(afterNew);
  });

  it('names an attachment after the type of its bytes, stored and downloaded (not the uploader’s extension)', async () => {
    const docx = smallDocx();
    const res = await sendMessageForm(alpha, '/api/conversations', fields(), [
      { name: 'poly.html', bytes: pdf, type: 'text/html' },
      { name: 'a.pdf\u0000.html', bytes: pdf },
      { name: 'C:\\Users\\léa\\..\\rib\u202Egnp.exe', bytes: SMALL_PNG, type: 'image/png' },
      { name: 'compte-rendu', bytes: docx, type: 'application/octet-stream' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<ConversationSummary>().id;
    const detail = (await alpha.get(`/api/conversations/${id}`)).json<ConversationDetail>();
    const attachments = detail.messages[0]!.attachments;
    expect(attachments.map((a) => [a.fileName, a.mimeType])).toEqual([
      ['poly.pdf', 'application/pdf'],
      ['a.pdf', 'application/pdf'],
      ['ribgnp.png', 'image/png'],
      [
        'compte-rendu.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
    ]);
    const keys = await t.ctx.db
      .selectFrom('stored_files')
      .select(['original_name', 'storage_key'])
      .where(
        'id',
        'in',
        attachments.map((a) => a.id),
      )
      .execute();
    for (const k of keys) {
      expect(k.storage_key.split('.').pop()).toBe(k.original_name.split('.').pop());
    }

    const download = await alpha.get(`/api/conversations/${id}/attachments/${attachments[0]!.id}`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="poly.pdf"; filename*=UTF-8''poly.pdf`,
    );
    // A name stored before this rule still downloads with the extension of its type.
    await t.ctx.db
      .updateTable('stored_files')
      .set({ original_name: 'ancien.html' })
      .where('id', '=', attachments[1]!.id)
      .execute();
    const old = await alpha.get(`/api/conversations/${id}/attachments/${attachments[1]!.id}`);
    expect(old.headers['content-disposition']).toMatch(/^attachment; filename="ancien\.pdf";/);
  });

  it('keeps HTML and scripts as plain text', async () => {
    const text = '<script>alert("x")</script><b>gras</b> & « guillemets »';
    const created = (
      await sendMessageForm(alpha, '/api/conversations', fields({ text }))
    ).json<ConversationSummary>();
    const detail = (await alpha.get(`/api/conversations/${created.id}`)).json<ConversationDetail>();
    expect(detail.messages[0]!.text).toBe(text);
    // A follow-up too; an attachment's name loses its angle brackets.
    t.clock.advance(1000);
    const followUp = await sendMessageForm(
      alpha,
      `/api/conversations/${created.id}/messages`,
      { text: '<img src=x onerror=alert(1)>' },
      [{ name: '<b>rib</b>.pdf', bytes: pdf }],
    );
    expect(followUp.statusCode, followUp.body).toBe(201);
    const last = followUp.json<ConversationDetail>().messages[1]!;
    expect(last.text).toBe('<img src=x onerror=alert(1)>');
    expect(last.attachments[0]!.fileName).not.toMatch(/[<>]/);
    const subjectHtml = await sendMessageForm(
      alpha,
      '/api/conversations',
      fields({ subject: '<img src=x onerror=alert(1)>' }),
    );
    expect(subjectHtml.statusCode).toBe(400);
  });

  it('a follow-up goes back to the insurer; POST …/read (not the GET) clears the unread replies', async () => {
    const created = (
      await sendMessageForm(alpha, '/api/conversations', fields())
    ).json<ConversationSummary>();
    await t.ctx.db
      .updateTable('conversations')
      .set({ status: 'answered', employer_unread: 2 })
      .where('id', '=', created.id)
      .execute();
    const listed = (await alpha.get('/api/conversations'))
      .json<{ items: ConversationSummary[] }>()
      .items.find((c) => c.id === created.id);
    expect(listed).toMatchObject({ status: 'answered', unread: 2 });
    const unreadCount = async () =>
      (await alpha.get('/api/conversations/unread-count')).json<{ count: number }>().count;
    const before = await unreadCount();
    expect(before).toBeGreaterThanOrEqual(1);
    // Reading the thread has no side effect: a cross-site navigation cannot mark it read.
    const shown = await alpha.get(`/api/conversations/${created.id}`);
    expect(shown.json<ConversationDetail>().unread).toBe(2);
    expect(await unreadCount()).toBe(before);
    // The explicit POST, from the company only.
    expect((await beta.post(`/api/conversations/${created.id}/read`)).statusCode).toBe(404);
    expect(await unreadCount()).toBe(before);
    const read = await alpha.post(`/api/conversations/${created.id}/read`);
    expect(read.statusCode).toBe(204);
    expect(await unreadCount()).toBe(before - 1);
    const row = await t.ctx.db
      .selectFrom('conversations')
      .select(['employer_unread', 'staff_unread'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.employer_unread)).toBe(0);

    t.clock.advance(60_000);
    const res = await sendMessageForm(alpha, `/api/conversations/${created.id}/messages`, {
      text: 'Merci, une précision :',
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json<ConversationDetail>();
    expect(detail.status).toBe('sent');
    expect(detail.messages).toHaveLength(2);
    const mail = await lastMessageTo(t.ctx, t.config.mail.insurerTeamEmail, 'email');
    expect(mail?.subject).toMatch(/^Nouveau message d’Alpha Immobilier/);
  });
});
