import {
	customFieldRefs,
	planWriteBack,
	resolveWriteBackFields,
	type WriteBackTarget,
} from '../../../nodes/lib/writeBack';

const fields = customFieldRefs([
	{ id: 1, label_text: 'JumpCloud Username', slug: 'jumpcloud_username', field_type: 'text' },
	{ id: '2', label_text: 'JumpCloud Email', field_type: 'text' },
	{ id: 3, label_text: 'Login', slug: 'login_es' },
	{ id: 4, label_text: 'login', slug: 'login_fr' },
]);
const target = (attribute: 'username' | 'email', fieldName: string, value: string) =>
	({ attribute, fieldName, value }) as WriteBackTarget;

describe('writeBack: which field each name means', () => {
	it('names a field by slug, id or label (trimmed, any case); the rest are missing', () => {
		const { found, missing, problems } = resolveWriteBackFields(
			[
				target('username', ' jumpcloud username ', 'a'),
				target('email', '2', 'b'),
				target('email', 'Directory Email', 'c'),
			],
			fields,
		);
		expect(found.get('jumpcloud username')?.fieldId).toBe('1');
		expect(found.get('2')?.fieldId).toBe('2');
		expect(missing).toEqual(['Directory Email']);
		expect(problems).toEqual([]);
	});

	it('refuses a label two fields share, and the username and email into one field', () => {
		expect(resolveWriteBackFields([target('username', 'LOGIN', 'a')], fields).problems[0]).toMatch(
			/"LOGIN" names 2 different Factorial custom fields/,
		);
		expect(
			resolveWriteBackFields(
				[target('username', 'jumpcloud_username', 'a'), target('email', '1', 'b')],
				fields,
			).problems,
		).toEqual(['the username and the email both name Factorial custom field 1']);
	});
});

describe('writeBack: what to write', () => {
	const username = { ...target('username', 'x', 'ana.garcia1'), field: fields.get('1')! };
	const email = { ...target('email', 'y', 'ana@example.com'), field: fields.get('2')! };

	it('nothing when equal, an update of the existing record when different, a create when none', () => {
		const steps = planWriteBack(
			'7',
			[username, email],
			[
				{ id: 10, field_id: 1, valuable_id: 7, valuable_type: 'Employee', value: ' ana.garcia1 ' },
				{ id: 11, field_id: 2, valuable_id: 8, valuable_type: 'Employee', value: 'x' },
				{ id: 12, field_id: 2, valuable_id: 7, valuable_type: 'Document', value: 'x' },
			],
		);
		expect(steps.map((s) => [s.attribute, s.action])).toEqual([
			['username', 'unchanged'],
			['email', 'create'],
		]);
		expect(
			planWriteBack(
				'7',
				[username],
				[
					{
						id: 10,
						field_id: 1,
						valuable_id: 7,
						valuable_type: 'Employee',
						value: 'old',
						updated_at: '2026-01-02',
					},
					{
						id: 9,
						field_id: 1,
						valuable_id: 7,
						valuable_type: 'Employee',
						value: 'older',
						updated_at: '2026-01-01',
					},
				],
			),
		).toEqual([
			{
				attribute: 'username',
				field: username.field,
				action: 'update',
				valueId: '10',
				from: 'old',
				value: 'ana.garcia1',
			},
		]);
	});

	it('never clears: an empty directory value writes nothing', () => {
		expect(planWriteBack('7', [{ ...username, value: '  ' }], [])).toEqual([]);
	});
});
