"""Names for the demo commune: common Venezuelan first names and surnames, and place names.

Data only. First names go by generation, because a Yorman or a Valentina is as telling of the
year of birth as a Carmen or a Ramón. Every place name is invented; none is a real council.
"""

from __future__ import annotations


def _names(text: str) -> tuple[str, ...]:
    """A list written as prose: names separated by commas, over as many lines as it takes."""
    return tuple(" ".join(name.split()) for name in text.split(",") if name.strip())


# Born before 1960.
ELDER_WOMEN = _names(
    """
    Carmen, Rosa, Ana, Luisa, Gladys, Mireya, Omaira, Nelly, Yolanda, Josefina, Teresa,
    Margarita, Isabel, Mercedes, Elena, Aura, Blanca, Gloria, Hilda, Carmen Teresa,
    María Luisa, Ana Josefa, Rosa Elena, Juana, Petra, Dolores, Zoila, Ramona, Francisca,
    Belkis, Nancy, Lilia, Aida, María del Carmen, Ana Teresa, Carmen Rosa, Luz Marina, Olga,
    Amelia, Socorro
    """
)
ELDER_MEN = _names(
    """
    José, Pedro, Ramón, Rafael, Jesús, Antonio, Francisco, Juan, Manuel, Luis, Pablo, Simón,
    Alfredo, Ernesto, Carlos, Jorge, Ignacio, Gregorio, Domingo, Julio, José Antonio,
    Juan Bautista, Pedro Pablo, José Ramón, Jesús Rafael, Luis Felipe, Teodoro, Hermes,
    Nicanor, Lorenzo, Rubén, Omar, Félix, Ángel, Agustín, Saúl, Cruz, José de Jesús, Víctor,
    Héctor
    """
)

# Born 1960 to 1984.
MIDDLE_WOMEN = _names(
    """
    María José, María Alejandra, Ana Karina, Yusmary, Yelitza, Marisol, Zuleima, Yajaira,
    Milagros, Maritza, Xiomara, Beatriz, Yamileth, Yanet, Coromoto, Maribel, Yraida, Yudith,
    Carolina, Patricia, Leidy, Mayerling, Yelimar, Nohemí, Migdalia, Yenny, Elizabeth,
    Luz Marina, María Eugenia, Ana Lucía, Rosa María, María Gabriela, Yarelis, Deisy, Damelis,
    Maryori, Yuraima, Thais, Jackeline, Sandra
    """
)
MIDDLE_MEN = _names(
    """
    José Gregorio, Luis Alberto, Carlos Eduardo, Wilmer, Nelson, Freddy, Richard, Edgar,
    Jhonny, Orlando, William, Douglas, Alexis, Jesús Alberto, Franklin, Gustavo, Omar José,
    Juan Carlos, José Luis, Luis Enrique, Henry, Oswaldo, Eduardo, Argenis, Leonel, Ronald,
    Wilfredo, Pedro José, Rafael Ángel, Javier, Ángel Rafael, Nelson Enrique, Reinaldo, Darwin,
    Alí, César Augusto, Gerardo, Marcos, Robert, Yonny
    """
)

# Born 1985 to 2004.
YOUNG_WOMEN = _names(
    """
    Yeimi, Dayana, Yuleisy, Génesis, Oriana, Daniela, Andreína, Karla, Yorgelis, Mariangel,
    Nathaly, Estefanía, Yennifer, Dayerlin, Eilyn, Yoselin, Yuliana, María Fernanda,
    María Victoria, Gabriela, Rosangela, Maryelis, Karelys, Anyelis, Wendy, Katherine,
    Stephany, Yuri, Yulimar, Andrea, Nairobi, Liseth, Milagros del Valle, Yohana, Eglis,
    Francelys, Verónica, Greisy, Mayrelis, Dariannys
    """
)
YOUNG_MEN = _names(
    """
    Yorman, Yeferson, Keiner, Deivis, Brayan, Yeison, Kevin, Jhonatan, Luis Ángel, José Daniel,
    Jesús Manuel, Anderson, Wilmer José, Yordi, Jeiber, Darwin José, Eduardo José,
    Carlos Alberto, Alejandro, Daniel, Jorge Luis, Roiner, Yonaiker, Endry, Jeremy, Frank,
    Argenis José, Leonardo, Ricardo, Miguel Ángel, Víctor Manuel, Jesús Eduardo, Kelvin, Johan,
    Wuilliams, Erick, Elvis, Yerson, Dairon, Jefferson
    """
)

# Born 2005 and after.
CHILD_GIRLS = _names(
    """
    Valentina, Isabella, Sofía, Victoria, Camila, Mariana, Fabiana, Antonella, Sara, Luciana,
    Samantha, Daniela, Paola, Ashley, Nicole, Valeria, Aranza, Alanis, Yeiniker, Kimberly,
    Abigail, María Victoria, María Paula, Ana Victoria, Miranda, Zoé, Rosmary, Aisha, Arianna,
    Mía, Emily, Danna, Génesis, Yeilimar, Keiris, Alaia, Salomé, Luz Valentina, Elianny,
    Yaneidys
    """
)
CHILD_BOYS = _names(
    """
    Santiago, Sebastián, Samuel, Mathías, Diego, Gabriel, Thiago, Jesús David, Luis Fernando,
    Moisés, Josué, Isaac, Dylan, Jeremías, Ángel David, Yorbis, Keiber, Yeikel, Jhoan, Adrián,
    Emmanuel, Joel, Miguel, Santino, Liam, Matías José, Jhosué, Eliecer, Alan, Dereck, Ian,
    Axel, David, José Miguel, Luis Miguel, Andrés, Caleb, Maikel, Yeremi, Owen
    """
)

SURNAMES = _names(
    """
    González, Rodríguez, Pérez, Hernández, García, Martínez, López, Díaz, Sánchez, Romero,
    Rojas, Ramírez, Torres, Flores, Morales, Medina, Castillo, Gutiérrez, Mendoza, Suárez,
    Blanco, Álvarez, Contreras, Marcano, Rivas, Parra, Guerrero, Silva, Briceño, Salazar,
    Chacón, Colmenares, Aponte, Carrasco, Escalona, Figueroa, Gil, Herrera, Jiménez, Linares,
    Mujica, Navas, Ochoa, Palacios, Quintero, Ramos, Sosa, Tovar, Uzcátegui, Villegas,
    Zambrano, Montilla, Pacheco, Aguilar, Barrios, Camacho, Duarte, Fernández, Guzmán, Lugo,
    Marín, Núñez, Ortega, Peña, Rangel, Sulbarán, Toro, Urbina, Vargas, Yépez, Zapata, Acosta,
    Cordero, Delgado, Farías, Graterol, Hurtado, Lozada, Moreno, Noguera, Osorio, Pinto,
    Querales, Rengifo, Terán, Vielma, Mora, Carrillo, Bastidas, Cedeño, Fuentes, Arias,
    Alvarado, Piña, Castro, Crespo, Giménez, Pernalete, Meléndez, Lucena, Timaure, Freitez
    """
)

# Surnames that are more common across the border: households from Colombia carry them.
FOREIGN_SURNAMES = _names(
    """
    Cárdenas, Restrepo, Ospina, Mejía, Cardona, Valencia, Zuluaga, Londoño, Arango, Gallego,
    Quiroga, Becerra, Bermúdez, Cuervo, Patiño, Jaramillo
    """
)

COMMUNE_NAME = "Comuna Socialista Sembradores del Turbio"
COMMUNE_MUNICIPALITY = "Iribarren"
COMMUNE_STATE = "Lara"
# The further communes of ``comuna demo --communes N``: invented names, real places.
COMMUNES = (
    (COMMUNE_NAME, COMMUNE_MUNICIPALITY, COMMUNE_STATE),
    ("Comuna Socialista Cerro de la Cruz", "Iribarren", "Lara"),
    ("Comuna Agroecológica Valle del Tocuyo", "Morán", "Lara"),
    ("Comuna Socialista Brisas del Orinoco", "Heres", "Bolívar"),
    ("Comuna Obrera Las Acacias", "Libertador", "Distrito Capital"),
    ("Comuna Pesquera Punta de Piedras", "Tubores", "Nueva Esparta"),
)

# Twenty-four invented neighbourhoods, in council order (CC01 first).
COUNCIL_NAMES = _names(
    """
    Los Mangos, Brisas del Turbio, La Ceiba, El Samán, Los Cardones, Nueva Esperanza,
    Barrio Unión, El Tanque, Las Acacias, Santa Rosa de Lima, La Paz, Bicentenario,
    Los Próceres, El Carmen, Cerro Verde, Las Trinitarias, Alí Primera, Manuelita Sáenz,
    El Cují, Los Crepúsculos, Camino Real, Los Jabillos, Ciudad Sembradora, Las Tunas
    """
)

SECTOR_NAMES = _names(
    """
    Parte Alta, Parte Baja, La Cancha, El Tanque, La Escuela, La Quebrada, Los Pinos,
    Las Casitas, El Puente, La Bodega, Centro, La Cruz, El Módulo, La Capilla, Los Rieles,
    El Callejón
    """
)

STREET_NAMES = _names(
    """
    Bolívar, Sucre, Miranda, Los Cujíes, El Progreso, La Paz, Principal, Los Almendros,
    Las Flores, Urdaneta, Zamora, Guaicaipuro, Negra Hipólita, Los Mamones, La Esperanza,
    San José
    """
)
